using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// Shows "typing…" in a chat while the model works. Telegram shows the action for about five seconds, so it is
/// renewed until the answer is ready. Best effort: a failure is logged, never shown, and a chat in a 429 cooldown
/// or out of its <see cref="OutboundBudget"/> is skipped rather than waited for.
/// </summary>
internal sealed partial class TypingIndicator(
    ITelegramBotClient bot,
    ChatCooldowns cooldowns,
    OutboundBudget budget,
    TimeProvider time,
    ILogger<TypingIndicator> logger)
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(4);

    /// <summary>Starts showing the action; disposing the result stops it.</summary>
    public IAsyncDisposable Show(ReplyTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timer = new PeriodicTimer(RenewEvery, time);
        return new Showing(timer, KeepTypingAsync(target, timer, cancellationToken));
    }

    /// <param name="timer">Disposed once the answer is ready, which ends the renewals without an exception.</param>
    /// <param name="abort">Ends a call in flight: only on shutdown, because a call's 429 must be seen (it pauses the
    /// chat) before the answer is sent.</param>
    private async Task KeepTypingAsync(ReplyTarget target, PeriodicTimer timer, CancellationToken abort)
    {
        try
        {
            do
            {
                if (cooldowns.Remaining(target.ChatId) == TimeSpan.Zero && budget.TryTakeTurn(target.ChatId))
                {
                    await SendTypingAsync(target, abort);
                }
            }
            while (await timer.WaitForNextTickAsync(abort));
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SendTypingAsync(ReplyTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendRequest(SendTypingRequest.To(target), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (exception is ApiRequestException { ErrorCode: 429 } rateLimited)
            {
                // Telegram's wait holds for the whole chat: the answer must not be sent before it is over either.
                cooldowns.Pause(target.ChatId, TimeSpan.FromSeconds(Math.Max(1, rateLimited.Parameters?.RetryAfter ?? 1)));
            }

            LogTypingFailed(logger, target.ChatId, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not show typing in chat {ChatId}: {Reason}")]
    private static partial void LogTypingFailed(ILogger logger, long chatId, string reason);

    private sealed class Showing(PeriodicTimer timer, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            timer.Dispose();
            await loop;
        }
    }
}
