using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// Runs a Bot API call for a chat, honouring that chat's cooldown. On 429 the chat is paused for retry_after and the
/// call is made again afterwards, however long Telegram asked for (up to <see cref="TelegramOptions.MaxRetryAfterWait"/>):
/// the message is delivered late rather than dropped.
/// </summary>
internal sealed partial class ChatDelivery(ChatCooldowns cooldowns, IOptions<TelegramOptions> options, TimeProvider time, ILogger<ChatDelivery> logger)
{
    private readonly TimeSpan _maxWait = options.Value.MaxRetryAfterWait;

    public async Task<T> RunAsync<T>(long chatId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = time.GetUtcNow() + _maxWait;
        while (true)
        {
            await cooldowns.WaitUntilFreeAsync(chatId, cancellationToken);
            try
            {
                return await call(cancellationToken);
            }
            catch (ApiRequestException exception) when (exception.ErrorCode == 429 && time.GetUtcNow() < deadline)
            {
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, exception.Parameters?.RetryAfter ?? 1));
                LogRateLimited(logger, chatId, (int)retryAfter.TotalSeconds);
                cooldowns.Pause(chatId, retryAfter);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram rate limit for chat {ChatId}: waiting {RetryAfterSeconds} s before sending again")]
    private static partial void LogRateLimited(ILogger logger, long chatId, int retryAfterSeconds);
}
