using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>Chats left with pending updates (after a crash, say) are resumed at start-up, in the background: the
/// start, and so the first getUpdates, does not wait for that query.</summary>
public sealed class InboxProcessorResumeTests : IAsyncDisposable
{
    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;
    private readonly InboxProcessor _processor;

    public InboxProcessorResumeTests()
    {
        var identity = TestBotIdentity.Create();
        identity.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        _inbox.PendingAsync(Arg.Any<long>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
        _services = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider();
        _processor = new InboxProcessor(
            _services.GetRequiredService<IServiceScopeFactory>(), new FreeChatLock(), identity, Options.Create(new TelegramOptions()), _time, NullLogger<InboxProcessor>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_start_does_not_wait_for_the_search_and_the_chats_found_are_drained()
    {
        var found = new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(found.Task);

        var start = _processor.StartAsync(Ct);

        start.IsCompleted.Should().BeTrue("the search for pending chats runs after the start");
        found.SetResult([11, 12]);
        await WaitForDrainAsync(11);
        await WaitForDrainAsync(12);
    }

    [Fact]
    public async Task A_database_away_at_the_start_is_asked_again_after_a_pause()
    {
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(
                _ => Task.FromException<IReadOnlyList<long>>(new TimeoutException("database restarting")),
                _ => Task.FromResult<IReadOnlyList<long>>([21]));

        await _processor.StartAsync(Ct);
        await Eventually.HoldsAsync(() => SearchCount() == 1);
        // The pause's timer is created after the failure is seen, so the clock moves on until it has fired.
        await Eventually.HoldsAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return Drained(21);
        });

        SearchCount().Should().Be(2);
    }

    public async ValueTask DisposeAsync()
    {
        await _processor.StopAsync(CancellationToken.None);
        _processor.Dispose();
        await _services.DisposeAsync();
    }

    private Task WaitForDrainAsync(long chatKey) => Eventually.HoldsAsync(() => Drained(chatKey));

    private bool Drained(long chatKey) =>
        _inbox.ReceivedCalls().Any(call => call.GetMethodInfo().Name == nameof(IUpdateInbox.PendingAsync) && (long)call.GetArguments()[0]! == chatKey);

    private int SearchCount() =>
        _inbox.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IUpdateInbox.ChatsWithPendingAsync));
}
