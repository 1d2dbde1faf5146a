using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>A burst waits in Telegram's queue, not in the bot's memory: the poller is held back while too many chats
/// are already waiting to be drained.</summary>
public sealed class InboxProcessorBackpressureTests : IAsyncDisposable
{
    // Few, to keep the test small: InboxProcessor lets four times as many chats wait as it drains at once.
    private const int MaxConcurrentChats = 8;
    private const int MaxScheduledChats = 4 * MaxConcurrentChats;

    private readonly BotIdentity _identity;
    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly ServiceProvider _services;
    private readonly InboxProcessor _processor;

    public InboxProcessorBackpressureTests()
    {
        _identity = TestBotIdentity.Create();

        _inbox.PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _services = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider();

        _processor = new InboxProcessor(
            _services.GetRequiredService<IServiceScopeFactory>(), new FreeChatLock(), _identity,
            Options.Create(new TelegramOptions { MaxConcurrentChats = MaxConcurrentChats }), TimeProvider.System, NullLogger<InboxProcessor>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<InboundUpdate> StoredInChats(int chats) =>
        Enumerable.Range(1, chats).Select(chat => new InboundUpdate(chat, chat, "{}", DateTimeOffset.UnixEpoch));

    [Fact]
    public void There_is_room_while_fewer_chats_than_the_limit_wait()
    {
        _processor.Schedule(StoredInChats(MaxScheduledChats - 1));

        _processor.WaitForRoomAsync(Ct).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task The_poller_waits_while_the_limit_is_reached_and_goes_on_once_drains_finish()
    {
        // The bot's identity is not known yet, so every scheduled chat stays waiting.
        _processor.Schedule(StoredInChats(MaxScheduledChats));

        var room = _processor.WaitForRoomAsync(Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        room.IsCompleted.Should().BeFalse("every drain is still waiting");

        await _identity.InitializeAsync(Ct);

        // The drains find nothing pending and end; the timeout only guards against a hang.
        await room.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task No_more_chats_than_configured_are_drained_at_once()
    {
        var draining = 0;
        var mostAtOnce = 0;
        var release = new TaskCompletionSource<IReadOnlyList<InboundUpdate>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(call => ReadWhileHeldAsync(call.ArgAt<CancellationToken>(2)));
        await _identity.InitializeAsync(Ct);

        _processor.Schedule(StoredInChats(3 * MaxConcurrentChats));

        await Eventually.HoldsAsync(() => Volatile.Read(ref draining) == MaxConcurrentChats);
        await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        Volatile.Read(ref mostAtOnce).Should().Be(MaxConcurrentChats, "the other chats wait for a turn");

        release.SetResult([]);
        await Eventually.HoldsAsync(() => _processor.WaitForRoomAsync(Ct).IsCompleted && Volatile.Read(ref draining) == 0);
        await _inbox.Received(3 * MaxConcurrentChats).PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>());

        async Task<IReadOnlyList<InboundUpdate>> ReadWhileHeldAsync(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref draining);
            lock (release)
            {
                mostAtOnce = Math.Max(mostAtOnce, now);
            }

            try
            {
                return await release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref draining);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _processor.StopAsync(CancellationToken.None);
        _processor.Dispose();
        await _services.DisposeAsync();
    }
}
