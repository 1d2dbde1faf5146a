namespace CleanBot.Application.Abstractions.Caching;

/// <summary>
/// A cache for hot reads. Shared by every bot instance when it is backed by a shared store, so a value must be
/// invalidated or overwritten whenever the state it mirrors changes.
/// </summary>
/// <remarks>
/// Counters (<see cref="IncrementAsync"/>, <see cref="GetCounterAsync"/>, <see cref="SetCounterIfAbsentAsync"/>) live
/// under their own keys: a key holds either a value or a counter, never both. A counter's time to live is set when it
/// is created and never extended, so a counter whose key names a window (a minute, a day) ends with that window.
/// </remarks>
public interface ICache
{
    ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class;

    ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class;

    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="amount"/> to a counter in one atomic step, creating it at zero with
    /// <paramref name="timeToLive"/> when absent, and returns the new count. Null when the store cannot be reached:
    /// callers let the request through rather than refuse it for the cache's sake.
    /// </summary>
    ValueTask<long?> IncrementAsync(string key, long amount, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>The counter's count; null when there is none (or the store cannot be reached).</summary>
    ValueTask<long?> GetCounterAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates a counter at <paramref name="count"/> unless one exists, which then keeps its own count.</summary>
    ValueTask SetCounterIfAbsentAsync(string key, long count, TimeSpan timeToLive, CancellationToken cancellationToken);
}
