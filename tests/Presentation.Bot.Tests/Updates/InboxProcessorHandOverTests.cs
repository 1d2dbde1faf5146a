using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>
/// A single instance hands the updates it stores to their chat's drain instead of reading them back from the inbox;
/// whenever the inbox may hold more than was handed over, the drain reads it. The services here have no update handler,
/// so handling an update fails, is logged and the update is marked handled: the marks show what was handled, and how
/// often.
/// </summary>
public sealed class InboxProcessorHandOverTests : IAsyncDisposable
{
    private const long Chat = 42;

    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly BotIdentity _identity;
    private readonly ServiceProvider _services;
    private InboxProcessor? _processor;

    public InboxProcessorHandOverTests()
    {
        _identity = TestBotIdentity.Create();
        _identity.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        _inbox.AddNewAsync(Arg.Any<IReadOnlyList<InboundUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(call => (IReadOnlyList<long>)[.. call.Arg<IReadOnlyList<InboundUpdate>>().Select(update => update.UpdateId)]);
        _inbox.PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _services = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_stored_after_the_resume_is_handled_without_reading_the_inbox()
    {
        var processor = await StartedAsync(new FreeChatLock());

        await processor.AcceptAsync([Update(1)], Ct);

        await Eventually.HoldsAsync(() => Marks().Contains(1));
        InboxReads().Should().Be(0);
    }

    [Fact]
    public async Task Updates_of_a_chat_are_handled_in_the_order_of_their_ids_whatever_order_they_were_handed_over_in()
    {
        var held = new HeldChatLock();
        var processor = await StartedAsync(held);
        await using (await held.AcquireAsync(Chat, Ct))
        {
            await processor.AcceptAsync([Update(3)], Ct);
            await processor.AcceptAsync([Update(2), Update(4)], Ct);
        }

        await Eventually.HoldsAsync(() => Marks().Count == 3);
        Marks().Should().Equal(2, 3, 4);
        InboxReads().Should().Be(0);
    }

    [Fact]
    public async Task Past_fifty_updates_waiting_for_their_chat_the_drain_reads_them_from_the_inbox()
    {
        var held = new HeldChatLock();
        var processor = await StartedAsync(held);
        var waiting = Enumerable.Range(1, 51).Select(id => Update(id)).ToArray();
        PendingInTheInbox(waiting);
        await using (await held.AcquireAsync(Chat, Ct))
        {
            await processor.AcceptAsync(waiting[..50], Ct);
            await processor.AcceptAsync(waiting[50..], Ct);
        }

        await Eventually.HoldsAsync(() => Marks().Count == 51);
        Marks().Should().Equal(waiting.Select(update => update.UpdateId));
        InboxReads().Should().BeGreaterThan(0, "a chat writing faster than it is answered waits in the inbox, not in memory");
    }

    [Fact]
    public async Task With_locks_shared_by_several_instances_every_drain_reads_the_inbox()
    {
        var processor = await StartedAsync(new FreeChatLock(spansInstances: true));
        PendingInTheInbox(Update(1));

        await processor.AcceptAsync([Update(1)], Ct);

        await Eventually.HoldsAsync(() => Marks().Contains(1));
        InboxReads().Should().Be(1);
    }

    [Fact]
    public async Task Before_the_resume_has_scheduled_the_chats_left_pending_a_drain_reads_the_inbox()
    {
        var search = new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(search.Task);
        PendingInTheInbox(Update(1), Update(2));
        var processor = Create(new FreeChatLock());
        await processor.StartAsync(Ct);
        try
        {
            await processor.AcceptAsync([Update(2)], Ct);

            await Eventually.HoldsAsync(() => Marks().Count == 2);
            Marks().Should().Equal([1, 2], "the update left pending by the last run comes first");
        }
        finally
        {
            // The resume ends, so the processor can stop.
            search.SetResult([]);
        }
    }

    [Fact]
    public async Task After_a_drain_failed_the_chats_next_drain_reads_the_inbox()
    {
        var failingOnce = new FailingOnceChatLock();
        var processor = await StartedAsync(failingOnce);
        await processor.AcceptAsync([Update(1)], Ct);
        await Eventually.HoldsAsync(() => failingOnce.Failed);
        PendingInTheInbox(Update(1), Update(2));

        await processor.AcceptAsync([Update(2)], Ct);

        await Eventually.HoldsAsync(() => Marks().Count == 2);
        Marks().Should().Equal(1, 2);
        InboxReads().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task An_update_a_drain_read_from_the_inbox_before_it_was_handed_over_is_not_handled_again()
    {
        // The start's resume drains the chat and reads an update that the poller has stored but not yet handed over.
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.AddNewAsync(Arg.Any<IReadOnlyList<InboundUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(async _ =>
            {
                await stored.Task;
                return (IReadOnlyList<long>)[1];
            });
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([Chat]);
        PendingInTheInbox(Update(1));
        var processor = Create(new FreeChatLock());
        var accepting = processor.AcceptAsync([Update(1)], Ct);
        await processor.StartAsync(Ct);
        await processor.Resumed;
        await Eventually.HoldsAsync(() => Marks().Contains(1));
        await Eventually.HoldsAsync(() => !processor.IsDraining(Chat));

        stored.SetResult();
        await accepting;

        await Eventually.HoldsAsync(() => InboxReads() == 2);
        await Eventually.HoldsAsync(() => !processor.IsDraining(Chat));
        Marks().Should().Equal([1], "the update is answered once");
    }

    [Fact]
    public async Task A_chat_whose_drain_read_the_inbox_trusts_what_is_handed_over_next_time_whatever_other_chats_are_storing()
    {
        const long otherChat = 43;
        var search = new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(search.Task);
        var otherStored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.AddNewAsync(Arg.Is<IReadOnlyList<InboundUpdate>>(updates => updates[0].ChatKey == otherChat), Arg.Any<CancellationToken>())
            .Returns(async _ =>
            {
                await otherStored.Task;
                return (IReadOnlyList<long>)[9];
            });
        PendingInTheInbox(Update(1));
        var processor = Create(new FreeChatLock());
        await processor.StartAsync(Ct);
        Task othersBeingStored;
        try
        {
            // Before the resume, so the chat's drain reads the inbox; it ends while another chat's update is being stored.
            othersBeingStored = processor.AcceptAsync([new InboundUpdate(9, otherChat, """{"update_id":9}""", DateTimeOffset.UnixEpoch)], Ct);
            await processor.AcceptAsync([Update(1)], Ct);
            await Eventually.HoldsAsync(() => Marks().Contains(1) && !processor.IsDraining(Chat));
        }
        finally
        {
            search.SetResult([]);
            otherStored.SetResult();
        }

        await othersBeingStored;
        await processor.Resumed;
        var reads = InboxReads();

        await processor.AcceptAsync([Update(2)], Ct);

        await Eventually.HoldsAsync(() => Marks().Contains(2));
        InboxReads().Should().Be(reads, "only this chat's own updates being stored make its next drain read the inbox");
    }

    public async ValueTask DisposeAsync()
    {
        if (_processor is not null)
        {
            await _processor.StopAsync(CancellationToken.None);
            _processor.Dispose();
        }

        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_waits_for_the_mark_of_an_update_whose_reply_is_out()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.MarkHandledAsync(Arg.Any<IReadOnlyCollection<long>>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                writing.TrySetResult();
                return written.Task;
            });
        var processor = await StartedAsync(new FreeChatLock());
        await processor.AcceptAsync([Update(1)], Ct);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stopping = processor.StopAsync(Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        stopping.IsCompleted.Should().BeFalse("the mark is still being written, and the database goes once the bot has stopped");
        written.SetResult();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static InboundUpdate Update(long id) => new(id, Chat, $$"""{"update_id":{{id}}}""", DateTimeOffset.UnixEpoch);

    private InboxProcessor Create(IChatLock chatLock) =>
        _processor = new InboxProcessor(
            _services.GetRequiredService<IServiceScopeFactory>(), chatLock, _identity, Options.Create(new TelegramOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);

    private async Task<InboxProcessor> StartedAsync(IChatLock chatLock)
    {
        var processor = Create(chatLock);
        await processor.StartAsync(Ct);
        await processor.Resumed;
        return processor;
    }

    /// <summary>The inbox holds these updates of the chat, each until it is marked handled.</summary>
    private void PendingInTheInbox(params InboundUpdate[] updates) =>
        _inbox.PendingAsync(Chat, Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(_ => (IReadOnlyList<InboundUpdate>)[.. updates.Where(update => !Marks().Contains(update.UpdateId))]);

    private List<long> Marks() =>
        [.. _inbox.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(IUpdateInbox.MarkHandledAsync))
            .SelectMany(call => (IReadOnlyCollection<long>)call.GetArguments()[0]!)];

    /// <summary>How many times the chat's pending updates were read from the inbox.</summary>
    private int InboxReads() =>
        _inbox.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IUpdateInbox.PendingAsync) && (long)call.GetArguments()[0]! == Chat);


    /// <summary>Held by the test until it lets go; then free.</summary>
    private sealed class HeldChatLock : IChatLock
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public bool SpansInstances => false;

        public async ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            return new Release(_gate);
        }

        private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                gate.Release();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>Fails the first drain with a bug (not an outage), then is free.</summary>
    private sealed class FailingOnceChatLock : IChatLock
    {
        private int _calls;

        public bool SpansInstances => false;

        public bool Failed => Volatile.Read(ref _calls) > 0;

        public ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new InvalidOperationException("a bug")
                : new FreeChatLock().AcquireAsync(chatId, cancellationToken);
    }
}
