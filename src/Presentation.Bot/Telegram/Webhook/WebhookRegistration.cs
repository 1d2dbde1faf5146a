using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Webhook;

/// <summary>
/// In webhook mode: once the bot listens, learns who it is and tells Telegram where to post updates and with which
/// secret. The webhook stays set when the bot stops, so Telegram keeps new updates and posts them after a restart.
/// </summary>
internal sealed partial class WebhookRegistration(
    ITelegramBotClient bot,
    BotApiConnector connector,
    BotIdentity identity,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    ILogger<WebhookRegistration> logger) : BackgroundService
{
    /// <summary>The kinds <see cref="UpdateRouter"/> acts on, asked for by polling too. Edited messages and the rest
    /// would only be stored and skipped; asking Telegram for fewer kinds also means fewer posts.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery];

    private readonly TelegramOptions _options = options.Value;

    // The authority only, for the log: some operators put a secret into the path.
    private readonly string _webhookHost = new Uri(options.Value.WebhookUrl).GetLeftPart(UriPartial.Authority);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Telegram posts as soon as the webhook is set: the web server must be listening by then.
        await WhenStartedAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var connected = !stoppingToken.IsCancellationRequested && await connector.ConnectAsync(
            token => bot.SetWebhook(
                _options.WebhookUrl,
                allowedUpdates: AllowedUpdates,
                // Updates that arrived while the bot was away are users' messages: keep them.
                dropPendingUpdates: false,
                secretToken: _options.WebhookSecret,
                cancellationToken: token),
            stoppingToken);
        if (connected)
        {
            LogConnected(logger, identity.Username, _options.ApiBaseUrl, _webhookHost);
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Bot API at {ApiBaseUrl} as @{BotUsername}; Telegram posts updates to {WebhookHost}")]
    private static partial void LogConnected(ILogger logger, string botUsername, string apiBaseUrl, string webhookHost);
}
