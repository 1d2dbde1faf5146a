using CleanBot.Application.Abstractions.Caching;
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

internal static class Profiles
{
    public static readonly UserProfile Sara = new(42, "sara", "Sara", null, "en");

    public static readonly UserProfile Maryam = new(43, "maryam", "مریم", null, "fa");
}
