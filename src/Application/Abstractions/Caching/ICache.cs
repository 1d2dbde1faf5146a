namespace CleanBot.Application.Abstractions.Caching;

/// <summary>
/// A cache for hot reads. Shared by every bot instance when it is backed by a shared store, so a value must be
/// invalidated or overwritten whenever the state it mirrors changes.
/// </summary>
public interface ICache
{
    ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class;

    ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class;

    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
