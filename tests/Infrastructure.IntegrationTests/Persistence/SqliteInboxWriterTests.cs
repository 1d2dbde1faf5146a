using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Infrastructure.Persistence.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// On SQLite new updates are stored by the bot's own prepared statement, not by EF's SaveChanges: the rows must be the
/// same as EF's, value by value with SQLite's storage class, or the inbox's queries that compare dates would go wrong.
/// The inbox's contract itself is in <see cref="InboxTests{TDatabase}"/>.
/// </summary>
public sealed class SqliteInboxWriterTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Received = new DateTimeOffset(2026, 3, 21, 15, 30, 0, TimeSpan.FromHours(3.5)).AddTicks(1234567);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_stored_directly_is_stored_with_the_same_values_as_EF()
    {
        var chat = Random.Shared.NextInt64(1, long.MaxValue);
        var (byEf, direct) = (Random.Shared.NextInt64(1, long.MaxValue), Random.Shared.NextInt64(1, long.MaxValue));
        const string Payload = """{"message":{"text":"سلام ✨"}}""";

        await using (var request = database.BeginRequest())
        {
            request.DbContext.Set<InboxRecord>().Add(new InboxRecord { UpdateId = byEf, ChatKey = chat, Payload = Payload, ReceivedAt = Received });
            await request.DbContext.SaveChangesAsync(Cancellation);

            var writer = database.Services.GetRequiredService<IInboxWriter>();
            var stored = await writer.AddNewAsync([new InboundUpdate(direct, chat, Payload, Received)], Cancellation);
            stored.Should().Equal(direct);
        }

        (await StoredRowAsync(direct)).Should().Be(await StoredRowAsync(byEf));
    }

    [Fact]
    public async Task Updates_stored_before_are_skipped_and_the_new_ones_of_the_batch_returned_in_order()
    {
        var chat = Random.Shared.NextInt64(1, long.MaxValue);
        var updates = Enumerable.Range(0, 4).Select(_ => new InboundUpdate(Random.Shared.NextInt64(1, long.MaxValue), chat, "{}", Received)).ToArray();
        var writer = database.Services.GetRequiredService<IInboxWriter>();
        await writer.AddNewAsync([updates[1], updates[3]], Cancellation);

        var stored = await writer.AddNewAsync([updates[0], updates[1], updates[2], updates[2], updates[3]], Cancellation);

        stored.Should().Equal(updates[0].UpdateId, updates[2].UpdateId);
    }

    [Fact]
    public async Task An_update_marked_handled_directly_is_marked_with_the_same_value_as_EF_and_no_other_is()
    {
        var chat = Random.Shared.NextInt64(1, long.MaxValue);
        var updates = Enumerable.Range(0, 4).Select(_ => new InboundUpdate(Random.Shared.NextInt64(1, long.MaxValue), chat, "{}", Received)).ToArray();
        var handledAt = Received.AddMinutes(1);
        var writer = database.Services.GetRequiredService<IInboxWriter>();
        await using (var request = database.BeginRequest())
        {
            await writer.AddNewAsync(updates, Cancellation);
            await request.DbContext.Set<InboxRecord>().Where(record => record.UpdateId == updates[0].UpdateId)
                .ExecuteUpdateAsync(setters => setters.SetProperty(record => record.HandledAt, handledAt), Cancellation);

            await writer.MarkHandledAsync([updates[1].UpdateId, updates[2].UpdateId], handledAt, Cancellation);
        }

        var byEf = await StoredRowAsync(updates[0].UpdateId);
        byEf.Should().EndWith("text:2026-03-21 12:01:00.1234567", "a date is stored as UTC text");
        (await StoredRowAsync(updates[1].UpdateId)).Should().Be(byEf);
        (await StoredRowAsync(updates[2].UpdateId)).Should().Be(byEf);
        (await StoredRowAsync(updates[3].UpdateId)).Should().EndWith("null");
    }

    /// <summary>The row's values but its id, as SQLite holds them: each with its storage class.</summary>
    private async Task<string> StoredRowAsync(long updateId)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT typeof("ChatKey") || ':' || "ChatKey", typeof("Payload") || ':' || "Payload",
                   typeof("ReceivedAt") || ':' || "ReceivedAt", typeof("HandledAt") || coalesce(':' || "HandledAt", '')
            FROM "InboxUpdates" WHERE "UpdateId" = $id
            """;
        select.Parameters.AddWithValue("$id", updateId);
        await using var reader = await select.ExecuteReaderAsync(Cancellation);
        (await reader.ReadAsync(Cancellation)).Should().BeTrue();
        return string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
    }
}
