using CleanBot.Application.Abstractions.Caching;
using CleanBot.Domain.Users;

namespace CleanBot.Application.UnitTests;

/// <summary>A dictionary-backed cache: simpler to read in tests than a substitute configured per key. Entries never
/// expire; counters can be made unreachable, as when Redis is down.</summary>
internal sealed class DictionaryCache : ICache
{
    public Dictionary<string, object> Entries { get; } = [];

    public Dictionary<string, long> Counters { get; } = [];

    /// <summary>Counter calls answer as an unreachable store does: unknown, and nothing kept.</summary>
    public bool CountersUnreachable { get; set; }

    public ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        ValueTask.FromResult(Entries.TryGetValue(key, out var value) ? value as T : null);

    public ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        Entries[key] = value;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        Entries.Remove(key);
        Counters.Remove(key);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long?> IncrementAsync(string key, long amount, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        if (CountersUnreachable)
        {
            return ValueTask.FromResult<long?>(null);
        }

        Counters[key] = Counters.GetValueOrDefault(key) + amount;
        return ValueTask.FromResult<long?>(Counters[key]);
    }

    public ValueTask<long?> GetCounterAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!CountersUnreachable && Counters.TryGetValue(key, out var count) ? count : (long?)null);

    public ValueTask SetCounterIfAbsentAsync(string key, long count, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        if (!CountersUnreachable)
        {
            Counters.TryAdd(key, count);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Answers every call of the cache it wraps only after yielding, as a networked cache (Redis) does: callers
/// then take their paths for a call still in flight.</summary>
internal sealed class LaterAnsweringCache(ICache inner) : ICache
{
    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        await Task.Yield();
        return await inner.GetAsync<T>(key, cancellationToken);
    }

    public async ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        await Task.Yield();
        await inner.SetAsync(key, value, timeToLive, cancellationToken);
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await inner.RemoveAsync(key, cancellationToken);
    }

    public async ValueTask<long?> IncrementAsync(string key, long amount, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.IncrementAsync(key, amount, timeToLive, cancellationToken);
    }

    public async ValueTask<long?> GetCounterAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.GetCounterAsync(key, cancellationToken);
    }

    public async ValueTask SetCounterIfAbsentAsync(string key, long count, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await inner.SetCounterIfAbsentAsync(key, count, timeToLive, cancellationToken);
    }
}

internal static class Profiles
{
    public static readonly UserProfile Sara = new(42, "sara", "Sara", null, "en");

    public static readonly UserProfile Maryam = new(43, "maryam", "مریم", null, "fa");
}
