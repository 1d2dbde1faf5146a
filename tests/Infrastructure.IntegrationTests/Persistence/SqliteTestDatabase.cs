using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>A SQLite file in a temporary folder of its own, deleted afterwards.</summary>
public class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cleanbot-test-{Guid.NewGuid():N}");

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(_folder);
    }

    public string FilePath => Path.Combine(_folder, "cleanbot.db");

    public string ConnectionString => $"Data Source={FilePath}";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Database:Provider", "Sqlite"),
        new("ConnectionStrings:Sqlite", ConnectionString),
    ];

    protected override Task DropAsync()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
