using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// Keeps the bot inside Telegram's sending rates before Telegram has to say 429: a budget per chat (private chats
/// and groups have their own rate) and one for the whole bot, shared by every call that puts something in a chat.
/// Token buckets, so a short burst (an answer split in two) goes out at once and a longer one is spread out. After a
/// quiet spell a chat may get up to twice its burst (the limiter credits the time its bucket sat full); over any
/// longer stretch the rate holds.
/// A budget set to 0 is off (a local Bot API server without limits, or a benchmark against a fake).
/// </summary>
internal sealed class OutboundBudget : IDisposable
{
    private readonly TokenBucketRateLimiter? _global;
    private readonly PartitionedRateLimiter<long>? _chats;

    public OutboundBudget(IOptions<TelegramOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.GlobalMessagesPerSecond > 0)
        {
            // Refilled in small steps (up to ten a second), so a second's budget is spread over the second.
            var perStep = Math.Max(1, settings.GlobalMessagesPerSecond / 10);
            _global = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.GlobalMessagesPerSecond,
                TokensPerPeriod = perStep,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1) * perStep / settings.GlobalMessagesPerSecond,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        var privateBucket = ChatBucket(settings.ChatMessagesPerMinute, settings.ChatBurst);
        var groupBucket = ChatBucket(settings.GroupMessagesPerMinute, settings.ChatBurst);
        if (privateBucket is not null || groupBucket is not null)
        {
            // Private chats have positive ids; groups, supergroups and channels negative ones.
            // One bucket per chat; idle ones are dropped by the limiter itself.
            _chats = PartitionedRateLimiter.Create<long, long>(chatId => (chatId < 0 ? groupBucket : privateBucket) is { } bucket
                ? RateLimitPartition.GetTokenBucketLimiter(chatId, _ => bucket)
                : RateLimitPartition.GetNoLimiter(chatId));
        }
    }

    /// <summary>Waits until one more message may go to the chat. Every message counts: nothing is dropped here.</summary>
    public async ValueTask WaitForTurnAsync(long chatId, CancellationToken cancellationToken)
    {
        if (_chats is not null)
        {
            using var chatLease = await _chats.AcquireAsync(chatId, 1, cancellationToken);
        }

        if (_global is not null)
        {
            using var globalLease = await _global.AcquireAsync(1, cancellationToken);
        }
    }

    /// <summary>Takes a turn only if one is free right now: for calls that are worth nothing late ("typing…").</summary>
    public bool TryTakeTurn(long chatId)
    {
        if (_chats is not null)
        {
            using var chatLease = _chats.AttemptAcquire(chatId);
            if (!chatLease.IsAcquired)
            {
                return false;
            }
        }

        if (_global is not null)
        {
            using var globalLease = _global.AttemptAcquire();
            return globalLease.IsAcquired;
        }

        return true;
    }

    public void Dispose()
    {
        _global?.Dispose();
        _chats?.Dispose();
    }

    private static TokenBucketRateLimiterOptions? ChatBucket(int messagesPerMinute, int burst) => messagesPerMinute <= 0
        ? null
        : new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / messagesPerMinute,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
}
