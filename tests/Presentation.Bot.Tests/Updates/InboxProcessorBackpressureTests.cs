using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>A burst waits in Telegram's queue, not in the bot's memory: the poller is held back while too many chats
/// are already waiting to be drained.</summary>
public sealed class InboxProcessorBackpressureTests : IAsyncDisposable
{
    // InboxProcessor lets four times its 512 concurrent drains wait.
    private const int MaxScheduledChats = 2048;

    private readonly BotIdentity _identity;
    private readonly ServiceProvider _services;
    private readonly InboxProcessor _processor;

    public InboxProcessorBackpressureTests()
    {
        _identity = TestBotIdentity.Create();

        var inbox = Substitute.For<IUpdateInbox>();
        inbox.PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _services = new ServiceCollection().AddScoped(_ => inbox).BuildServiceProvider();

        _processor = new InboxProcessor(
            _services.GetRequiredService<IServiceScopeFactory>(), new FreeChatLock(), _identity, TimeProvider.System, NullLogger<InboxProcessor>.Instance);
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

    public async ValueTask DisposeAsync()
    {
        await _processor.StopAsync(CancellationToken.None);
        _processor.Dispose();
        await _services.DisposeAsync();
    }
}
