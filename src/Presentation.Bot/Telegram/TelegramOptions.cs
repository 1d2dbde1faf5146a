using Microsoft.Extensions.Configuration;

namespace CleanBot.Presentation.Bot.Telegram;

/// <summary>How the bot talks to the Bot API. Bound from the <c>Telegram</c> configuration section.</summary>
internal sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The most <see cref="MaxConcurrentChats"/> may be: four times as many chats may wait for a turn, each
    /// holding its updates in memory.</summary>
    public const int ConcurrentChatsCeiling = 65_536;

    public string BotToken { get; set; } = string.Empty;

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public https address Telegram posts updates to in webhook mode; the bot listens on its path.</summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Telegram sends it back with every update, so a post from anyone else is refused. Never logged.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>How long stopping may take before what is still running is abandoned (it stays pending in the inbox).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one getUpdates call waits on the server for new updates.</summary>
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>How many updates one getUpdates call may return (Telegram allows 1-100).</summary>
    public int PollingBatchSize { get; set; } = 100;

    /// <summary>The longest the bot waits out Telegram's "retry after" for one message before giving up on it.</summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many chats have their updates handled at once (each chat's one after another). An update spends most of its
    /// time waiting for the model, so this many chats over the model's latency bounds the updates answered per second.
    /// </summary>
    public int MaxConcurrentChats { get; set; } = 1024;

    /// <summary>How long handled updates are kept in the inbox (they guard against a late redelivery).</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Messages per second for the whole bot (Telegram allows about 30); 0 turns the budget off.</summary>
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>Messages per minute to one private chat (Telegram allows about one a second); 0 turns it off.</summary>
    public int ChatMessagesPerMinute { get; set; } = 60;

    /// <summary>Messages per minute to one group (Telegram allows about 20); 0 turns it off.</summary>
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>How many messages may go to one chat at once before its per-minute rate applies.</summary>
    public int ChatBurst { get; set; } = 2;

    /// <summary>The mode as configured, for choosing services before options can be resolved.</summary>
    public static TelegramMode ModeIn(IConfiguration configuration) =>
        configuration.GetSection(SectionName).GetValue<TelegramMode>(nameof(Mode));

    public override string ToString() => $"Telegram {{ ApiBaseUrl = {ApiBaseUrl} }}";
}
