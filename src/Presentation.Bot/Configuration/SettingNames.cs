namespace CleanBot.Presentation.Bot.Configuration;

/// <summary>The configuration keys of the public contract (README), in their <c>Section:Key</c> form.</summary>
internal static class SettingNames
{
    public const string BotToken = "Telegram:BotToken";
    public const string TelegramApiBaseUrl = "Telegram:ApiBaseUrl";
    public const string TelegramMode = "Telegram:Mode";
    public const string WebhookUrl = "Telegram:WebhookUrl";
    public const string WebhookSecret = "Telegram:WebhookSecret";
    public const string ShutdownTimeout = "Telegram:ShutdownTimeout";
    public const string MaxConcurrentChats = "Telegram:MaxConcurrentChats";
    public const string GeminiApiKey = "Gemini:ApiKey";
    public const string GeminiModel = "Gemini:Model";
    public const string GeminiBaseUrl = "Gemini:BaseUrl";
    public const string DatabaseProvider = "Database:Provider";
    public const string SqliteConnection = "ConnectionStrings:Sqlite";
    public const string MySqlConnection = "ConnectionStrings:MySql";
    public const string CacheProvider = "Cache:Provider";
    public const string CacheMemoryEntries = "Cache:MemoryEntries";
    public const string CacheSessionMegabytes = "Cache:SessionMegabytes";
    public const string LocksProvider = "Locks:Provider";
    public const string RedisConnection = "ConnectionStrings:Redis";
    public const string AccessAllowedUserIds = "Access:AllowedUserIds";
    public const string AccessAdminUserIds = "Access:AdminUserIds";
    public const string AccessMessagesPerMinute = "Access:MessagesPerMinute";
    public const string AccessDailyTokenQuota = "Access:DailyTokenQuota";
    public const string BotStreaming = "Bot:Streaming";
    public const string BotStreamingInterval = "Bot:StreamingInterval";

    /// <summary>How an operator writes the key as an environment variable or in <c>.env</c>.</summary>
    public static string AsEnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
