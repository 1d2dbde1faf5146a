using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Common.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Common.Access;

/// <summary>
/// At most <see cref="AccessOptions.MessagesPerMinute"/> questions per person and clock minute (a fixed window),
/// counted in the cache, so across every instance when the cache is Redis. The first question over the limit is told
/// when the minute ends; the others of that minute are ignored in silence. When the cache cannot count, questions go
/// through: an unavailable cache must not lock everyone out.
/// </summary>
public sealed partial class MessageRateLimit(IOptions<AccessOptions> options, ICache cache, ILogger<MessageRateLimit> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int _limit = options.Value.MessagesPerMinute;

    public static string Key(long userId, long window) => $"rate:{userId}:{window}";

    /// <summary>Counts one question; null when it may go on.</summary>
    public async ValueTask<Rejection?> CountAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_limit == 0)
        {
            return null;
        }

        var window = now.UtcTicks / Window.Ticks;
        var count = await cache.IncrementAsync(Key(userId, window), 1, Window, cancellationToken);
        if (count is null || count <= _limit)
        {
            return null;
        }

        if (count > _limit + 1)
        {
            return new Rejection(RejectionCodes.AlreadyTold);
        }

        var retryAfter = new DateTimeOffset((window + 1) * Window.Ticks, TimeSpan.Zero) - now;
        LogLimited(logger, userId, _limit, retryAfter);
        return new Rejection(RejectionCodes.TooManyMessages, _limit, retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} sent more than {Limit} questions this minute: ignored for {RetryAfter}")]
    private static partial void LogLimited(ILogger logger, long userId, int limit, TimeSpan retryAfter);
}
