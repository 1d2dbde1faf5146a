namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

public sealed class SqliteRepositoryTests(SqliteTestDatabase database)
    : RepositoryTests<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;
