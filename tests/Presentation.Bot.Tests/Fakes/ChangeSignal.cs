using System.Diagnostics;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// An event a waiter can await instead of polling: every <see cref="Pulse"/> completes the current
/// task and arms a fresh one, so waiters wake exactly when recorded state changes.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _current = NewSource();

    /// <summary>Completes on the next pulse. Capture it before checking state so no pulse is missed.</summary>
    public Task Next => Volatile.Read(ref _current).Task;

    public void Pulse() => Interlocked.Exchange(ref _current, NewSource()).TrySetResult();

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after each pulse.</summary>
    /// <exception cref="TimeoutException">With <paramref name="describe"/>'s text when time runs out.</exception>
    public async Task WaitUntilAsync(
        Func<bool> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var next = Next;
            if (condition())
            {
                return;
            }

            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(describe());
            }

            try
            {
                await next.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop once more: the condition gets a last check before the descriptive timeout.
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
