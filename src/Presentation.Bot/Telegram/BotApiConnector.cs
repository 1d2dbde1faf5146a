using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram;

/// <summary>
/// The first step of both ways of receiving updates: learn who the bot is (getMe), then tell the Bot API how updates
/// are to arrive (deleteWebhook for polling, setWebhook for the webhook). Retried with backoff until the Bot API
/// answers; a token it rejects stops the bot, since no retry can fix that.
/// </summary>
internal sealed partial class BotApiConnector(BotIdentity identity, TimeProvider time, ILogger<BotApiConnector> logger)
{
    /// <returns>False when the bot is stopped before it could connect.</returns>
    /// <exception cref="InvalidOperationException">Telegram rejected the bot token.</exception>
    public async Task<bool> ConnectAsync(Func<CancellationToken, Task> chooseDelivery, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await identity.InitializeAsync(stoppingToken);
                if (!identity.SupportsInlineQueries)
                {
                    LogInlineModeOff(logger, identity.Username);
                }

                await chooseDelivery(stoppingToken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (ApiRequestException exception) when (exception.ErrorCode is 401 or 404)
            {
                LogTokenRejected(logger, exception.ErrorCode);
                throw new InvalidOperationException("Telegram rejected the bot token (Telegram__BotToken).");
            }
            catch (Exception exception)
            {
                LogConnectFailed(logger, Describe(exception), (int)backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = Backoff.Doubled(backoff);
            }
        }

        return false;
    }

    /// <summary>An exception's type and message only: Telegram.Bot's inner exceptions can carry request URLs,
    /// which contain the token.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        ApiRequestException api => $"Bot API error {api.ErrorCode}: {api.Message}",
        RequestException request => $"{request.GetType().Name}: {request.HttpStatusCode?.ToString() ?? "no response"}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (HTTP {StatusCode}): check Telegram__BotToken")]
    private static partial void LogTokenRejected(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inline mode is off for @{BotUsername}: turn it on with @BotFather's /setinline to answer inline queries in any chat")]
    private static partial void LogInlineModeOff(ILogger logger, string botUsername);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the Bot API ({Reason}); retrying in {Seconds} s")]
    private static partial void LogConnectFailed(ILogger logger, string reason, int seconds);
}
