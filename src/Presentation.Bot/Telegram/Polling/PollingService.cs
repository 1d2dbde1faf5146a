using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Polling;

/// <summary>
/// Long polling: fetch a batch, store it in the inbox, and only then confirm it (the next getUpdates' offset); the
/// <see cref="InboxProcessor"/> handles it from there. If the batch cannot be stored (the database is away), it is
/// not confirmed and Telegram hands it out again.
/// </summary>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    BotIdentity identity,
    IServiceScopeFactory scopes,
    InboxProcessor processor,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    private readonly TelegramOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ConnectAsync(stoppingToken))
        {
            return;
        }

        int? offset = null;
        var backoff = TimeSpan.FromSeconds(1);
        var storeBackoff = TimeSpan.FromSeconds(1);
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
                backoff = Backoff.Doubled(backoff);
                continue;
            }

            if (batch.Length == 0)
            {
                continue;
            }

            var (updates, lastId) = Read(batch);
            try
            {
                await StoreAsync(updates, stoppingToken);
                storeBackoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Not stored, so not confirmed: the same batch is fetched again once the database is back.
                LogStoreFailed(logger, exception.GetType().Name, (int)storeBackoff.TotalSeconds);
                await Task.Delay(storeBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                storeBackoff = Backoff.Doubled(storeBackoff);
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // A redelivered old update must not move the offset back.
            if (lastId is { } id && (offset is null || id + 1 > offset))
            {
                offset = id + 1;
            }
        }
    }

    private async Task StoreAsync(List<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().AddNewAsync(updates, cancellationToken)).ToHashSet();
        if (stored.Count < updates.Count)
        {
            LogDuplicates(logger, updates.Count - stored.Count);
        }

        processor.Schedule(updates.Where(update => stored.Contains(update.UpdateId)).Select(update => update.ChatKey).Distinct());
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
                backoff = Backoff.Doubled(backoff);
            }
        }

        return false;
    }

    /// <summary>
    /// Takes each update's id and chat from its JSON and keeps the JSON as it came; the update is parsed in full only
    /// when it is handled. One without a readable update_id cannot be stored or confirmed on its own: it is skipped
    /// (the batch's highest id still confirms it).
    /// </summary>
    private (List<InboundUpdate> Updates, int? LastId) Read(JsonElement[] batch)
    {
        var now = time.GetUtcNow();
        var updates = new List<InboundUpdate>(batch.Length);
        int? lastId = null;
        foreach (var element in batch)
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("update_id", out var idElement)
                || idElement.ValueKind != JsonValueKind.Number // TryGetInt32 throws on any other kind
                || !idElement.TryGetInt32(out var id))
            {
                LogMalformed(logger, element.ValueKind.ToString());
                continue;
            }

            lastId = lastId is null || id > lastId ? id : lastId;
            updates.Add(new InboundUpdate(id, UpdateChatKey.Of(element), element.GetRawText(), now));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an update without a readable update_id (JSON {Kind})")]
    private static partial void LogMalformed(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store received updates ({Reason}); fetching them again in {Seconds} s")]
    private static partial void LogStoreFailed(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} updates received again were already stored; not handling them twice")]
    private static partial void LogDuplicates(ILogger logger, int count);
}
