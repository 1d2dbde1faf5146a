namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

public sealed class SqliteUsageReaderTests(SqliteTestDatabase database)
    : UsageReaderTests<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;
