using System.Globalization;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Common.Access;

/// <summary>
/// At most <see cref="AccessOptions.DailyTokenQuota"/> model tokens per person and UTC day. The day's count lives in
/// the cache and grows after each answer by the tokens the model reported, so a question normally reads it without a
/// database round trip. When the cache has no count (the memory cache after a restart, an eviction, Redis away), it
/// is rebuilt from the stored answers with one query.
/// </summary>
public sealed partial class DailyTokenQuota(
    IOptions<AccessOptions> options,
    ICache cache,
    ISessionRepository sessions,
    ILogger<DailyTokenQuota> logger)
{
    // Longer than the day: the key names its day, so a count is never read on another one however long it is kept.
    private static readonly TimeSpan CounterTimeToLive = TimeSpan.FromHours(25);

    private readonly long _quota = options.Value.DailyTokenQuota;

    public static string Key(long userId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"tokens:{userId}:{at.UtcDateTime:yyyyMMdd}");

    /// <summary>Null while the person has tokens left today.</summary>
    public async Task<Rejection?> CheckAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_quota == 0)
        {
            return null;
        }

        var key = Key(userId, now);
        var used = await cache.GetCounterAsync(key, cancellationToken);
        if (used is null)
        {
            used = await sessions.TokensUsedSinceAsync(userId, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), cancellationToken);
            // If another request rebuilt the count meanwhile, its count stands: it may already hold a newer answer.
            await cache.SetCounterIfAbsentAsync(key, used.Value, CounterTimeToLive, cancellationToken);
        }

        if (used < _quota)
        {
            return null;
        }

        LogExhausted(logger, userId, used.Value, _quota);
        return new Rejection(RejectionCodes.DailyQuotaUsed);
    }

    /// <summary>
    /// Adds an answer's tokens to the day it was given on. Call once the answer is stored. Should the count have
    /// vanished since the question was checked (an eviction in those seconds), it restarts from this answer alone:
    /// the quota errs towards letting a person through, never towards refusing them.
    /// </summary>
    public async ValueTask RecordAsync(long userId, TokenUsage? usage, DateTimeOffset answeredAt, CancellationToken cancellationToken)
    {
        if (_quota == 0 || usage is not { TotalTokens: > 0 })
        {
            return;
        }

        await cache.IncrementAsync(Key(userId, answeredAt), usage.TotalTokens, CounterTimeToLive, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} has used {Used} of {Quota} tokens today: questions refused until 00:00 UTC")]
    private static partial void LogExhausted(ILogger logger, long userId, long used, long quota);
}
