using System.ComponentModel.DataAnnotations;

namespace CleanBot.Infrastructure.Caching;

/// <summary>The in-process cache's bound, from <c>Cache:MemoryEntries</c>.</summary>
public sealed class MemoryCacheSettings
{
    public const string SectionName = "Cache";
    public const int MinEntries = 100;
    public const int MaxEntries = 10_000_000;

    /// <summary>
    /// How many entries the memory cache keeps: a user's snapshot (about 330 bytes with the cache's own bookkeeping),
    /// a rate-limit or quota counter and an inline answer are one each. Past the bound the least recently read go
    /// first, and a user who is no longer cached costs one database read on their next message. A snapshot spares
    /// reads for 5 minutes only, so the default covers about 10,000 people writing within 5 minutes; larger
    /// audiences raise it or use Redis.
    /// </summary>
    [Range(MinEntries, MaxEntries)]
    public int MemoryEntries { get; set; } = 10_000;
}
