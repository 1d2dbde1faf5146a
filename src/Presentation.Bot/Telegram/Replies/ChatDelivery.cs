using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// Runs a Bot API call for a chat, within the <see cref="OutboundBudget"/> and honouring that chat's cooldown. On
/// 429 the chat is paused for retry_after and the call is made again afterwards, however long Telegram asked for (up
/// to <see cref="TelegramOptions.MaxRetryAfterWait"/>): the message is delivered late rather than dropped. A server error or a network failure is tried again a few
/// times with backoff; if the first attempt did reach Telegram, the chat may see the message twice rather than never.
/// </summary>
internal sealed partial class ChatDelivery(
    ChatCooldowns cooldowns,
    OutboundBudget budget,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<ChatDelivery> logger)
{
    private const int MaxTransientRetries = 3;

    private readonly TimeSpan _maxWait = options.Value.MaxRetryAfterWait;

    public async Task<T> RunAsync<T>(long chatId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = time.GetUtcNow() + _maxWait;
        var retries = 0;
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            await cooldowns.WaitUntilFreeAsync(chatId, cancellationToken);
            await budget.WaitForTurnAsync(chatId, cancellationToken);
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
            catch (RequestException exception) when (IsTransient(exception) && retries++ < MaxTransientRetries)
            {
                LogTransientFailure(logger, chatId, exception is ApiRequestException api ? $"Bot API error {api.ErrorCode}" : "no response", (int)backoff.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = Backoff.Doubled(backoff);
            }
        }
    }

    /// <summary>
    /// Runs a call that is worth nothing late (a preview of an answer still being written) only if the chat is free and
    /// has a turn in the budget right now; otherwise it is skipped, not queued. A 429 pauses the chat as any other.
    /// </summary>
    /// <returns>Whether the call was made and succeeded.</returns>
    public async Task<bool> TryRunNowAsync(long chatId, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (cooldowns.Remaining(chatId) > TimeSpan.Zero || !budget.TryTakeTurn(chatId))
        {
            return false;
        }

        try
        {
            await call(cancellationToken);
            return true;
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 429)
        {
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, exception.Parameters?.RetryAfter ?? 1));
            LogRateLimited(logger, chatId, (int)retryAfter.TotalSeconds);
            cooldowns.Pause(chatId, retryAfter);
            return false;
        }
    }

    /// <summary>A Bot API server error, or no answer at all (connection refused or reset, timeout).</summary>
    private static bool IsTransient(RequestException exception) =>
        exception is not ApiRequestException { ErrorCode: < 500 };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to chat {ChatId} failed ({Reason}); trying again in {Seconds} s")]
    private static partial void LogTransientFailure(ILogger logger, long chatId, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram rate limit for chat {ChatId}: waiting {RetryAfterSeconds} s before sending again")]
    private static partial void LogRateLimited(ILogger logger, long chatId, int retryAfterSeconds);
}
