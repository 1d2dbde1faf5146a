using System.Collections.Concurrent;
using CleanBot.Presentation.Bot.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// A fake clock for the bot that also reports the timers the bot starts (every Task.Delay on it is one), so a test can
/// move time on exactly when the bot is waiting for a given span, instead of guessing with real sleeps.
/// </summary>
internal sealed class WatchedClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly ConcurrentQueue<TimeSpan> _started = new();
    private readonly ChangeSignal _changed = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _started.Enqueue(dueTime);
        _changed.Pulse();
        return timer;
    }

    /// <summary>Waits until the bot has started a timer due after exactly <paramref name="dueTime"/>.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => _changed.WaitUntilAsync(
        () => _started.Contains(dueTime),
        TimeSpan.FromSeconds(10),
        () => $"No timer of {dueTime} was started; timers: [{string.Join(", ", _started)}]",
        TestContext.Current.CancellationToken);
}
