using Microsoft.Data.Sqlite;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>The inbox table of a bot's SQLite file, read from outside the bot (read-only, so it may be running).</summary>
internal static class SqliteInbox
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<long> StoredAsync(string databasePath) => CountAsync(databasePath, "SELECT COUNT(*) FROM InboxUpdates");

    public static Task<long> PendingAsync(string databasePath) =>
        CountAsync(databasePath, "SELECT COUNT(*) FROM InboxUpdates WHERE HandledAt IS NULL");

    /// <summary>Waits until every stored update is marked handled: its reply is out and nothing is left to send again.</summary>
    public static async Task WaitUntilDrainedAsync(string databasePath, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        long pending;
        while ((pending = await PendingAsync(databasePath)) > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{pending} updates still pending in the inbox after {timeout.TotalSeconds} s.");
            }

            await Task.Delay(100, Ct);
        }
    }

    private static async Task<long> CountAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
