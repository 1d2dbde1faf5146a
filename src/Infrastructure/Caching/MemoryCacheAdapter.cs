using CleanBot.Application.Abstractions.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace CleanBot.Infrastructure.Caching;

/// <summary>The cache port over the process's <see cref="IMemoryCache"/>: values are kept as the objects themselves,
/// so only immutable values may be cached.</summary>
internal sealed class MemoryCacheAdapter(IMemoryCache cache) : ICache
{
    public ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        ValueTask.FromResult(cache.Get(key) as T);

    public ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = timeToLive;
        entry.Size = 1;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        cache.Remove(key);
        return ValueTask.CompletedTask;
    }
}
