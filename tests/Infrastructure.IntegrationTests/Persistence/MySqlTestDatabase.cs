using CleanBot.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A uniquely named database on the server that <c>CLEANBOT_TEST_MYSQL</c> points at, dropped afterwards.
/// Without that variable the tests that use it report themselves skipped.
/// </summary>
public sealed class MySqlTestDatabase : TestDatabase
{
    public const string ServerVariable = "CLEANBOT_TEST_MYSQL";

    private readonly string _serverConnectionString = Environment.GetEnvironmentVariable(ServerVariable) ?? string.Empty;

    public override bool IsAvailable => !string.IsNullOrWhiteSpace(_serverConnectionString);

    public string DatabaseName { get; } = $"cleanbot_test_{Guid.NewGuid():N}";

    protected override string SkipReason =>
        $"{ServerVariable} is not set: give it a MySQL connection string with rights to create databases.";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Database:Provider", "MySql"),
        new("ConnectionStrings:MySql", new MySqlConnectionStringBuilder(_serverConnectionString) { Database = DatabaseName }.ConnectionString),
    ];

    protected override async Task DropAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.EnsureDeletedAsync(TestContext.Current.CancellationToken);
    }
}
