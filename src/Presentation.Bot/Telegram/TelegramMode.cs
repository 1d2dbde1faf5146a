namespace CleanBot.Presentation.Bot.Telegram;

/// <summary>How updates reach the bot.</summary>
internal enum TelegramMode
{
    /// <summary>The bot asks for updates (getUpdates): no public address needed, one instance per bot token.</summary>
    Polling,

    /// <summary>Telegram posts each update to <see cref="TelegramOptions.WebhookUrl"/>.</summary>
    Webhook,
}
