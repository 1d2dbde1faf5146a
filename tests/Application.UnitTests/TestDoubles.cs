using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Domain.Users;

namespace CleanBot.Application.UnitTests;

/// <summary>A dictionary-backed cache: simpler to read in tests than a substitute configured per key.</summary>
internal sealed class DictionaryCache : ICache
{
    public Dictionary<string, object> Entries { get; } = [];

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
        return ValueTask.CompletedTask;
    }
}

/// <summary>Counts acquisitions and releases, to prove a handler holds the chat while it works.</summary>
internal sealed class CountingChatLock : IChatLock
{
    public int Acquired { get; private set; }

    public int Released { get; private set; }

    public bool IsHeld => Acquired > Released;

    public ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken)
    {
        Acquired++;
        return ValueTask.FromResult<IAsyncDisposable>(new Release(this));
    }

    private sealed class Release(CountingChatLock owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Released++;
            return ValueTask.CompletedTask;
        }
    }
}

internal static class Profiles
{
    public static readonly UserProfile Sara = new(42, "sara", "Sara", null, "en");

    public static readonly UserProfile Maryam = new(43, "maryam", "مریم", null, "fa");
}
