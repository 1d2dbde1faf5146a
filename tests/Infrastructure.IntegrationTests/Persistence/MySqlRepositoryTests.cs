using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>Runs only when <c>CLEANBOT_TEST_MYSQL</c> names a server; otherwise every test reports itself skipped.</summary>
public sealed class MySqlRepositoryTests(MySqlTestDatabase database)
    : RepositoryTests<MySqlTestDatabase>(database), IClassFixture<MySqlTestDatabase>
{
    [Fact]
    public async Task The_database_and_every_table_are_utf8mb4()
    {
        Database.SkipUnlessAvailable();
        await using var request = Database.BeginRequest();

        var databaseCollation = await request.DbContext.Database
            .SqlQuery<string>($"SELECT DEFAULT_COLLATION_NAME AS `Value` FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {Database.DatabaseName}")
            .SingleAsync(Cancellation);
        databaseCollation.Should().Be("utf8mb4_unicode_ci");

        var collations = await request.DbContext.Database
            .SqlQuery<string>($"SELECT TABLE_COLLATION AS `Value` FROM information_schema.TABLES WHERE TABLE_SCHEMA = {Database.DatabaseName} AND TABLE_NAME IN ('Users', 'Sessions', 'Messages')")
            .ToListAsync(Cancellation);

        collations.Should().HaveCount(3).And.AllBe("utf8mb4_unicode_ci");
    }

    [Fact]
    public async Task Message_text_is_longtext()
    {
        Database.SkipUnlessAvailable();
        await using var request = Database.BeginRequest();

        var columnType = await request.DbContext.Database
            .SqlQuery<string>($"SELECT COLUMN_TYPE AS `Value` FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {Database.DatabaseName} AND TABLE_NAME = 'Messages' AND COLUMN_NAME = 'Text'")
            .SingleAsync(Cancellation);

        columnType.Should().Be("longtext");
    }
}
