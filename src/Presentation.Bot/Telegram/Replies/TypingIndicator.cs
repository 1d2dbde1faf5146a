using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

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
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = KeepTypingAsync(target, stop.Token, cancellationToken);
        return new Showing(stop, loop);
    }

    /// <param name="stop">Ends the renewals once the answer is ready.</param>
    /// <param name="abort">Ends a call in flight: only on shutdown, because a call's 429 must be seen (it pauses the
    /// chat) before the answer is sent.</param>
    private async Task KeepTypingAsync(ReplyTarget target, CancellationToken stop, CancellationToken abort)
    {
        using var timer = new PeriodicTimer(RenewEvery, time);
        try
        {
            do
            {
                if (cooldowns.Remaining(target.ChatId) == TimeSpan.Zero && budget.TryTakeTurn(target.ChatId))
                {
                    await SendTypingAsync(target, abort);
                }
            }
            while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The answer is ready.
        }
    }

    private async Task SendTypingAsync(ReplyTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendChatAction(target.ChatId, ChatAction.Typing, target.MessageThreadId, cancellationToken: cancellationToken);
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

    private sealed class Showing(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
