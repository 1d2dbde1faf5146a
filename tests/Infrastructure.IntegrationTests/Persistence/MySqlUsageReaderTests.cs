namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>Runs only when <c>CLEANBOT_TEST_MYSQL</c> names a server; otherwise every test reports itself skipped.</summary>
public sealed class MySqlUsageReaderTests(MySqlTestDatabase database)
    : UsageReaderTests<MySqlTestDatabase>(database), IClassFixture<MySqlTestDatabase>;
