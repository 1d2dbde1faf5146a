using CleanBot.Domain.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

    [Fact]
    public async Task Only_a_request_that_ends_a_session_writes_its_end()
    {
        var (continuedChatId, continuedUserId) = await database.StartConversationAsync(turns: 1, Nowruz);
        var (endedChatId, endedUserId) = await database.StartConversationAsync(turns: 1, Nowruz);
        await using var endWrites = await EndWritesAsync();

        long endedSessionId;
        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(continuedChatId, continuedUserId, recentMessages: 40, Cancellation);
            AddTurn(session!, Nowruz.AddHours(1));
            await request.SaveAsync();
        }

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(endedChatId, endedUserId, recentMessages: 0, Cancellation);
            session!.End(Nowruz.AddDays(1));
            endedSessionId = session.Id;
            await request.SaveAsync();
        }

        (await endWrites.SessionIdsAsync()).Should().Equal([endedSessionId], "SQLite rewrites the index of active sessions for every write of the end");
        (await StoredRowsAsync(continuedChatId, continuedUserId)).Messages.Should().HaveCount(4);
    }

    [Fact]
    public async Task Turns_that_wait_for_the_file_together_are_written_in_one_transaction()
    {
        var conversations = await StartConversationsAsync(3);
        await using var turns = await NewTurnsAsync(conversations);

        var saves = await WhileTheFileIsBusyAsync(() => [.. turns.Requests.Select(request => request.SaveAsync())]);

        await Task.WhenAll(saves);
        database.Logs.Entries.Should().ContainSingle(entry => entry.Contains("Wrote 3 conversation turns in one transaction"));
        foreach (var (chatId, userId) in conversations)
        {
            (await StoredRowsAsync(chatId, userId)).Messages.Should().HaveCount(4);
        }

        turns.Sessions.SelectMany(session => session.Messages).Select(message => message.Id).Should().OnlyHaveUniqueItems()
            .And.NotContain(0, "each new message has the id the database gave it");
    }

    [Fact]
    public async Task A_turn_that_cannot_be_written_fails_alone_and_the_turns_waiting_with_it_are_stored()
    {
        var conversations = await StartConversationsAsync(3);
        await using var turns = await NewTurnsAsync(conversations);
        await DeleteSessionAsync(turns.Sessions[1].Id);

        var saves = await WhileTheFileIsBusyAsync(() => [.. turns.Requests.Select(request => request.SaveAsync())]);

        await saves[0];
        await saves[2];
        await saves[1].Invoking(save => save).Should().ThrowAsync<DbUpdateConcurrencyException>();
        database.Logs.Entries.Should().Contain(entry => entry.Contains("A transaction of 3 conversation turns failed; writing each alone"));
        (await StoredRowsAsync(conversations[0].ChatId, conversations[0].UserId)).Messages.Should().HaveCount(4);
        (await StoredRowsAsync(conversations[2].ChatId, conversations[2].UserId)).Messages.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_turn_whose_request_stops_waiting_before_its_write_is_not_written()
    {
        var conversations = await StartConversationsAsync(1);
        await using var turns = await NewTurnsAsync(conversations);
        using var stop = new CancellationTokenSource();

        var saves = await WhileTheFileIsBusyAsync(() =>
        {
            var save = turns.Requests[0].SaveAsync(stop.Token);
            stop.Cancel();
            return [save];
        });

        await saves[0].Invoking(save => save).Should().ThrowAsync<OperationCanceledException>();
        (await StoredRowsAsync(conversations[0].ChatId, conversations[0].UserId)).Messages.Should().HaveCount(2);
    }

    private static void AddTurn(Session session, DateTimeOffset answeredAt)
    {
        session.AddUserMessage("پرسش ✨", answeredAt.AddSeconds(-1));
        session.AddModelMessage("answer", new TokenUsage(12, 34), answeredAt);
    }

    private async Task<List<(long ChatId, long UserId)>> StartConversationsAsync(int count)
    {
        var conversations = new List<(long ChatId, long UserId)>();
        for (var index = 0; index < count; index++)
        {
            conversations.Add(await database.StartConversationAsync(turns: 1, Nowruz));
        }

        return conversations;
    }

    /// <summary>A request per conversation, each with a new turn of its stored session, not saved yet.</summary>
    private async Task<PendingTurns> NewTurnsAsync(List<(long ChatId, long UserId)> conversations)
    {
        var turns = new PendingTurns();
        foreach (var (chatId, userId) in conversations)
        {
            var request = database.BeginRequest();
            turns.Requests.Add(request);
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            AddTurn(session!, Nowruz.AddHours(1));
            turns.Sessions.Add(session!);
        }

        return turns;
    }

    /// <summary>
    /// Starts the saves while a write holds the file's write queue, so that all of them wait for it, then lets it go.
    /// </summary>
    private async Task<List<Task>> WhileTheFileIsBusyAsync(Func<List<Task>> startSaves)
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var holder = database.BeginRequest();
        var held = holder.DbContext.WriteAsync(_ => release.Task, Cancellation);

        var saves = startSaves();

        saves.Should().OnlyContain(save => !save.IsCompleted, "the file's queue is busy");
        release.SetResult(0);
        await held;
        return saves;
    }

    /// <summary>
    /// Records, until disposed, the id of each session whose end an <c>UPDATE</c> sets: SQLite fires an
    /// <c>UPDATE OF</c> trigger for every statement that sets the column, as it rewrites the indexes that hold it.
    /// </summary>
    private async Task<EndWrites> EndWritesAsync()
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE "EndWrites" ("SessionId" INTEGER NOT NULL);
            CREATE TRIGGER "RecordEndWrites" AFTER UPDATE OF "EndedAt" ON "Sessions"
            BEGIN INSERT INTO "EndWrites" VALUES (new."Id"); END;
            """;
        await create.ExecuteNonQueryAsync(Cancellation);
        return new EndWrites(connection);
    }

    private async Task DeleteSessionAsync(long sessionId)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var delete = connection.CreateCommand();
        delete.CommandText = """DELETE FROM "Messages" WHERE "SessionId" = $session; DELETE FROM "Sessions" WHERE "Id" = $session;""";
        delete.Parameters.AddWithValue("$session", sessionId);
        await delete.ExecuteNonQueryAsync(Cancellation);
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

    private sealed class EndWrites(SqliteConnection connection) : IAsyncDisposable
    {
        public async Task<List<long>> SessionIdsAsync()
        {
            await using var select = connection.CreateCommand();
            select.CommandText = """SELECT "SessionId" FROM "EndWrites" ORDER BY rowid""";
            var ids = new List<long>();
            await using var reader = await select.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }

        public async ValueTask DisposeAsync()
        {
            await using (var drop = connection.CreateCommand())
            {
                drop.CommandText = """DROP TRIGGER "RecordEndWrites"; DROP TABLE "EndWrites";""";
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await connection.DisposeAsync();
        }
    }

    private sealed class PendingTurns : IAsyncDisposable
    {
        public List<RequestScope> Requests { get; } = [];

        public List<Session> Sessions { get; } = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var request in Requests)
            {
                await request.DisposeAsync();
            }
        }
    }
}
