using CleanBot.Domain.Conversations;
using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// On SQLite a turn of a stored session is written by the bot's own prepared statements, not by EF's SaveChanges: the
/// rows must be the same as EF's, byte for byte, or the queries that compare dates as text would go wrong.
/// </summary>
public sealed class SqliteStoredSessionWriterTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Nowruz = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_turn_written_directly_stores_the_same_values_as_EF()
    {
        var answeredAt = new DateTimeOffset(2026, 3, 21, 15, 30, 0, TimeSpan.FromHours(3.5)).AddTicks(1234567);

        // EF writes a new session's messages; the writer writes a turn of a stored one.
        var (efChatId, efUserId) = await database.StartConversationAsync(turns: 0, Nowruz);
        await using (var request = database.BeginRequest())
        {
            var session = Session.Start(efUserId, efChatId + 1, Nowruz);
            AddTurn(session, answeredAt);
            request.Sessions.Add(session);
            await request.SaveAsync();
        }

        var (chatId, userId) = await database.StartConversationAsync(turns: 1, Nowruz);
        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            AddTurn(session!, answeredAt);
            request.DbContext.ChangeTracker.HasChanges().Should().BeFalse("the stored session is not tracked, so the writer writes it");
            await request.SaveAsync();
        }

        var byEf = await StoredRowsAsync(efChatId + 1, efUserId);
        var direct = await StoredRowsAsync(chatId, userId);
        direct.Messages[^2..].Should().Equal(byEf.Messages);
        direct.LastActivityAt.Should().Be(byEf.LastActivityAt);
    }

    [Fact]
    public async Task Ending_a_stored_session_is_written_directly()
    {
        var (chatId, userId) = await database.StartConversationAsync(turns: 1, Nowruz);

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 0, Cancellation);
            session!.End(Nowruz.AddDays(1));
            await request.SaveAsync();
        }

        var stored = await StoredRowsAsync(chatId, userId);
        stored.EndedAt.Should().Be("2026-03-22 12:00:00");
    }

    private static void AddTurn(Session session, DateTimeOffset answeredAt)
    {
        session.AddUserMessage("پرسش ✨", answeredAt.AddSeconds(-1));
        session.AddModelMessage("answer", new TokenUsage(12, 34), answeredAt);
    }

    /// <summary>The session's row and its messages' rows as SQLite holds them: each value with its storage class.</summary>
    private async Task<StoredRows> StoredRowsAsync(long chatId, long userId)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var session = connection.CreateCommand();
        session.CommandText = """SELECT "Id", "LastActivityAt", "EndedAt" FROM "Sessions" WHERE "ChatId" = $chat AND "UserId" = $user""";
        session.Parameters.AddWithValue("$chat", chatId);
        session.Parameters.AddWithValue("$user", userId);
        long id;
        string lastActivityAt;
        string? endedAt;
        await using (var reader = await session.ExecuteReaderAsync(Cancellation))
        {
            (await reader.ReadAsync(Cancellation)).Should().BeTrue();
            id = reader.GetInt64(0);
            lastActivityAt = reader.GetString(1);
            endedAt = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        await using var messages = connection.CreateCommand();
        messages.CommandText = """
            SELECT typeof("Role") || ':' || "Role", typeof("Text") || ':' || "Text", typeof("InputTokens") || ':' || "InputTokens",
                   typeof("OutputTokens") || ':' || ifnull("OutputTokens", ''), typeof("CreatedAt") || ':' || "CreatedAt"
            FROM "Messages" WHERE "SessionId" = $session ORDER BY "Id"
            """;
        messages.Parameters.AddWithValue("$session", id);
        var rows = new List<string>();
        await using (var reader = await messages.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(column => reader.IsDBNull(column) ? "null" : reader.GetString(column))));
            }
        }

        return new StoredRows(lastActivityAt, endedAt, rows);
    }

    private sealed record StoredRows(string LastActivityAt, string? EndedAt, List<string> Messages);
}
