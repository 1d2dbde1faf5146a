using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
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
/// <remarks>
/// Connecting (getMe, deleteWebhook) needs no database, so it starts when the host begins to start, alongside the
/// migration, instead of after it: about a fifth of a second off a cold start on two cores.
/// </remarks>
internal sealed partial class PollingService(
    ITelegramBotClient bot,
    BotApiConnector connector,
    BotIdentity identity,
    InboxProcessor processor,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly TelegramOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task<bool>? _connecting;

    /// <summary>Called for every hosted service before any of them starts, so before the migration runs.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _connecting = Task.Run(() => ConnectAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await (_connecting ?? ConnectAsync(stoppingToken)))
        {
            return;
        }

        LogConnected(logger, identity.Username, _options.ApiBaseUrl);

        int? offset = null;
        var backoff = TimeSpan.FromSeconds(1);
        var storeBackoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            JsonElement[] batch;
            try
            {
                await processor.WaitForRoomAsync(stoppingToken);
                batch = await bot.SendRequest(
                    new GetRawUpdatesRequest
                    {
                        Offset = offset,
                        Limit = _options.PollingBatchSize,
                        Timeout = _options.PollingTimeoutSeconds,
                    },
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
                LogPollingFailed(logger, BotApiConnector.Describe(exception), (int)wait.TotalSeconds);
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

    // getUpdates is refused while a webhook is set.
    private Task<bool> ConnectAsync(CancellationToken stoppingToken) =>
        connector.ConnectAsync(token => bot.DeleteWebhook(dropPendingUpdates: false, token), stoppingToken);

    private async Task StoreAsync(List<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        var stored = await processor.AcceptAsync(updates, cancellationToken);
        if (stored < updates.Count)
        {
            LogDuplicates(logger, updates.Count - stored);
        }
    }

    /// <summary>
    /// Reads each update's id and chat (<see cref="InboundUpdateReader"/>). One without a readable update_id cannot be
    /// stored or confirmed on its own: it is skipped (the batch's highest id still confirms it).
    /// </summary>
    private (List<InboundUpdate> Updates, int? LastId) Read(JsonElement[] batch)
    {
        var now = time.GetUtcNow();
        var updates = new List<InboundUpdate>(batch.Length);
        int? lastId = null;
        foreach (var element in batch)
        {
            if (!InboundUpdateReader.TryRead(element, now, out var update))
            {
                LogMalformed(logger, element.ValueKind.ToString());
                continue;
            }

            var id = (int)update.UpdateId;
            lastId = lastId is null || id > lastId ? id : lastId;
            updates.Add(update);
        }

        return (updates, lastId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Bot API at {ApiBaseUrl} as @{BotUsername}; polling for updates")]
    private static partial void LogConnected(ILogger logger, string botUsername, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "getUpdates failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogPollingFailed(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an update without a readable update_id (JSON {Kind})")]
    private static partial void LogMalformed(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store received updates ({Reason}); fetching them again in {Seconds} s")]
    private static partial void LogStoreFailed(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} updates received again were already stored; not handling them twice")]
    private static partial void LogDuplicates(ILogger logger, int count);
}
