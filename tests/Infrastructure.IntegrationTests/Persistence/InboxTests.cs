using CleanBot.Application.Abstractions.Inbox;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>The update inbox contract, run against every database provider by one subclass each.</summary>
public abstract class InboxTests<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Received = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_updates_are_stored_once_and_a_repeated_update_is_never_stored_again()
    {
        database.SkipUnlessAvailable();
        var chat = NewKey();
        var first = Update(chat, """{"text":"سلام 👋"}""");
        var second = Update(chat);

        await using var request = database.BeginRequest();
        var stored = await request.Inbox.AddNewAsync([first, second], Cancellation);
        var again = await request.Inbox.AddNewAsync([second, first], Cancellation);

        stored.Should().Equal(first.UpdateId, second.UpdateId);
        again.Should().BeEmpty();
        (await request.Inbox.PendingAsync(chat, 10, Cancellation)).Should().Equal(first, second);
    }

    [Fact]
    public async Task Pending_updates_come_oldest_first_and_handled_ones_drop_out()
    {
        database.SkipUnlessAvailable();
        var chat = NewKey();
        var updates = new[] { Update(chat), Update(chat), Update(chat) };
        await using var request = database.BeginRequest();
        await request.Inbox.AddNewAsync([updates[2], updates[0], updates[1]], Cancellation);

        await request.Inbox.MarkHandledAsync([updates[0].UpdateId], Received.AddSeconds(1), Cancellation);

        (await request.Inbox.PendingAsync(chat, 10, Cancellation)).Should().Equal(updates[1], updates[2]);
        (await request.Inbox.PendingAsync(chat, 1, Cancellation)).Should().Equal(updates[1]);
    }

    [Fact]
    public async Task Several_updates_are_marked_handled_in_one_write_and_the_others_stay_pending()
    {
        database.SkipUnlessAvailable();
        var (chat, otherChat) = (NewKey(), NewKey());
        var updates = new[] { Update(chat), Update(chat), Update(chat), Update(otherChat) };
        await using var request = database.BeginRequest();
        await request.Inbox.AddNewAsync(updates, Cancellation);

        await request.Inbox.MarkHandledAsync([updates[0].UpdateId, updates[2].UpdateId, updates[3].UpdateId], Received, Cancellation);
        await request.Inbox.MarkHandledAsync([], Received, Cancellation);

        (await request.Inbox.PendingAsync(chat, 10, Cancellation)).Should().Equal(updates[1]);
        (await request.Inbox.PendingAsync(otherChat, 10, Cancellation)).Should().BeEmpty();
    }

    [Fact]
    public async Task Chats_with_pending_updates_are_found_for_resuming()
    {
        database.SkipUnlessAvailable();
        var (busy, done) = (NewKey(), NewKey());
        var handled = Update(done);
        await using var request = database.BeginRequest();
        await request.Inbox.AddNewAsync([Update(busy), handled], Cancellation);
        await request.Inbox.MarkHandledAsync([handled.UpdateId], Received, Cancellation);

        var chats = await request.Inbox.ChatsWithPendingAsync(10_000, Cancellation);

        chats.Should().Contain(busy).And.NotContain(done);
    }

    [Fact]
    public async Task Old_handled_updates_are_pruned_and_pending_ones_kept()
    {
        database.SkipUnlessAvailable();
        var chat = NewKey();
        var (old, recent, pending) = (Update(chat), Update(chat), Update(chat));
        await using var request = database.BeginRequest();
        await request.Inbox.AddNewAsync([old, recent, pending], Cancellation);
        await request.Inbox.MarkHandledAsync([old.UpdateId], Received.AddDays(-10), Cancellation);
        await request.Inbox.MarkHandledAsync([recent.UpdateId], Received, Cancellation);

        var pruned = await request.Inbox.PruneHandledAsync(Received.AddDays(-7), Cancellation);

        pruned.Should().BeGreaterThanOrEqualTo(1);
        (await request.Inbox.AddNewAsync([old], Cancellation)).Should().Equal(old.UpdateId);
        (await request.Inbox.PendingAsync(chat, 10, Cancellation)).Should().Equal(old, pending);
    }

    [Fact]
    public async Task Two_instances_storing_the_same_updates_at_once_store_each_exactly_once()
    {
        database.SkipUnlessAvailable();
        var chat = NewKey();
        var updates = Enumerable.Range(0, 20).Select(_ => Update(chat)).ToArray();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var request = database.BeginRequest();
            return await request.Inbox.AddNewAsync(updates, Cancellation);
        }));

        stores.SelectMany(ids => ids).Should().BeEquivalentTo(updates.Select(update => update.UpdateId));
    }

    private static long _nextId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private static long NewKey() => Interlocked.Increment(ref _nextId);

    private static InboundUpdate Update(long chat, string payload = """{"text":"hi"}""") => new(NewKey(), chat, payload, Received);
}

public sealed class SqliteInboxTests(SqliteTestDatabase database)
    : InboxTests<SqliteTestDatabase>(database), IClassFixture<SqliteTestDatabase>;

/// <summary>Runs only when <c>CLEANBOT_TEST_MYSQL</c> names a server; otherwise every test reports itself skipped.</summary>
public sealed class MySqlInboxTests(MySqlTestDatabase database)
    : InboxTests<MySqlTestDatabase>(database), IClassFixture<MySqlTestDatabase>;
