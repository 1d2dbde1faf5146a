using System.Text.Json;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Polling;

/// <summary>
/// Long polling: fetch a batch, handle it, and only then confirm it (the next getUpdates' offset). An update whose
/// handling was interrupted by a crash or a shutdown is fetched again on the next start.
/// </summary>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    BotIdentity identity,
    UpdateBatchDispatcher dispatcher,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly TelegramOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ConnectAsync(stoppingToken))
        {
            return;
        }

        int? offset = null;
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            JsonElement[] batch;
            try
            {
                batch = await bot.SendRequest(
                    new GetRawUpdatesRequest { Offset = offset, Limit = _options.PollingBatchSize, Timeout = _options.PollingTimeoutSeconds },
                    stoppingToken);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                var wait = exception is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } retryAfter }
                    ? TimeSpan.FromSeconds(retryAfter)
                    : backoff;
                LogPollingFailed(logger, Describe(exception), (int)wait.TotalSeconds);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }

            if (batch.Length == 0)
            {
                continue;
            }

            var (updates, lastId) = Parse(batch);
            await dispatcher.HandleAsync(updates, stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                // Part of the batch may not have been handled: leave it unconfirmed so it is fetched again.
                break;
            }

            if (lastId is { } id)
            {
                offset = id + 1;
            }
        }
    }

    /// <summary>Learns who the bot is and removes any webhook (getUpdates is refused while one is set).</summary>
    private async Task<bool> ConnectAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await identity.InitializeAsync(stoppingToken);
                await bot.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                LogConnected(logger, identity.Username, _options.ApiBaseUrl);
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
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        return false;
    }

    /// <summary>Reads each update on its own: a malformed one is logged and skipped, and still confirmed.</summary>
    private (List<Update> Updates, int? LastId) Parse(JsonElement[] batch)
    {
        var updates = new List<Update>(batch.Length);
        int? lastId = null;
        foreach (var element in batch)
        {
            int? id = element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("update_id", out var idElement)
                && idElement.TryGetInt32(out var value) ? value : null;
            if (id is { } known && (lastId is null || known > lastId))
            {
                lastId = known;
            }

            try
            {
                if (element.Deserialize<Update>(JsonBotAPI.Options) is { } update)
                {
                    updates.Add(update);
                    continue;
                }
            }
            catch (JsonException exception)
            {
                LogMalformed(logger, id, exception.Message);
                continue;
            }

            LogMalformed(logger, id, "empty update");
        }

        return (updates, lastId);
    }

    /// <summary>An exception's type and message only: Telegram.Bot's inner exceptions can carry request URLs,
    /// which contain the token.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        ApiRequestException api => $"Bot API error {api.ErrorCode}: {api.Message}",
        RequestException request => $"{request.GetType().Name}: {request.HttpStatusCode?.ToString() ?? "no response"}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Bot API at {ApiBaseUrl} as @{BotUsername}; polling for updates")]
    private static partial void LogConnected(ILogger logger, string botUsername, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Telegram rejected the bot token (HTTP {StatusCode}): check Telegram__BotToken")]
    private static partial void LogTokenRejected(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the Bot API ({Reason}); retrying in {Seconds} s")]
    private static partial void LogConnectFailed(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getUpdates failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogPollingFailed(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed update {UpdateId}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, int? updateId, string reason);
}
