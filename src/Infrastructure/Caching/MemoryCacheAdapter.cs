using CleanBot.Application.Abstractions.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace CleanBot.Infrastructure.Caching;

/// <summary>The cache port over the process's <see cref="IMemoryCache"/>: values are kept as the objects themselves,
/// so only immutable values may be cached. Counters are mutable holders changed under one lock: IMemoryCache has no
/// atomic get-or-create, and a counter step takes nanoseconds.</summary>
internal sealed class MemoryCacheAdapter(IMemoryCache cache) : ICache
{
    private readonly Lock _counters = new();

    public ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        ValueTask.FromResult(cache.Get(key) as T);

    public ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        Store(key, value, timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        cache.Remove(key);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long?> IncrementAsync(string key, long amount, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (_counters)
        {
            if (cache.Get(key) is not Counter counter)
            {
                counter = new Counter();
                Store(key, counter, timeToLive);
            }

            counter.Count += amount;
            return ValueTask.FromResult<long?>(counter.Count);
        }
    }

    public ValueTask<long?> GetCounterAsync(string key, CancellationToken cancellationToken)
    {
        lock (_counters)
        {
            return ValueTask.FromResult(cache.Get(key) is Counter counter ? counter.Count : (long?)null);
        }
    }

    public ValueTask SetCounterIfAbsentAsync(string key, long count, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (_counters)
        {
            if (cache.Get(key) is not Counter)
            {
                Store(key, new Counter { Count = count }, timeToLive);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Store(string key, object value, TimeSpan timeToLive)
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = timeToLive;
        entry.Size = 1;
    }

    /// <summary>Read and written only under <see cref="_counters"/>.</summary>
    private sealed class Counter
    {
        public long Count { get; set; }
    }
}
