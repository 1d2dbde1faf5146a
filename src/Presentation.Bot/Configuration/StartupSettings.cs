using System.Globalization;
using System.Text.RegularExpressions;
using CleanBot.Infrastructure.Caching;
using CleanBot.Infrastructure.Persistence.Sessions;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using CleanBot.Presentation.Bot.Web;
using Microsoft.Extensions.Configuration;

namespace CleanBot.Presentation.Bot.Configuration;

/// <summary>
/// Checks the settings the bot cannot start without, before anything connects. Each problem is one line that names
/// the setting and where to set it.
/// </summary>
internal static partial class StartupSettings
{
    private const string WhereToSet = "set it in .env (see .env.example) or as an environment variable";

    private static readonly int[] WebhookPorts = [443, 80, 88, 8443];

    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();

        var token = configuration[SettingNames.BotToken];
        if (string.IsNullOrWhiteSpace(token))
        {
            problems.Add(Missing(SettingNames.BotToken, "the bot token from @BotFather", alias: "TELEGRAM_BOT_TOKEN"));
        }
        else if (!BotTokenPattern().IsMatch(token))
        {
            problems.Add($"{Name(SettingNames.BotToken)} is malformed: expected the form 123456789:AA... as @BotFather gives it; {WhereToSet}.");
        }

        if (string.IsNullOrWhiteSpace(configuration[SettingNames.GeminiApiKey]))
        {
            problems.Add(Missing(SettingNames.GeminiApiKey, "a Gemini API key from Google AI Studio", alias: "GEMINI_API_KEY"));
        }

        CheckUrl(configuration, SettingNames.TelegramApiBaseUrl, problems);
        CheckChoice(configuration, SettingNames.TelegramMode, ["Polling", "Webhook"], problems);
        RequireWhen(configuration, SettingNames.TelegramMode, "Webhook", SettingNames.WebhookUrl, problems);
        RequireWhen(configuration, SettingNames.TelegramMode, "Webhook", SettingNames.WebhookSecret, problems);
        if (string.Equals(configuration[SettingNames.TelegramMode], "Webhook", StringComparison.OrdinalIgnoreCase))
        {
            CheckWebhookUrl(configuration[SettingNames.WebhookUrl], problems);
            CheckWebhookSecret(configuration[SettingNames.WebhookSecret], problems);
        }

        CheckDuration(configuration, SettingNames.ShutdownTimeout, problems);
        CheckWholeNumber(configuration, SettingNames.MaxConcurrentChats, 1, TelegramOptions.ConcurrentChatsCeiling, problems);
        CheckUrl(configuration, SettingNames.GeminiBaseUrl, problems);
        CheckChoice(configuration, SettingNames.DatabaseProvider, ["Sqlite", "MySql"], problems);
        CheckChoice(configuration, SettingNames.CacheProvider, ["Memory", "Redis"], problems);
        CheckChoice(configuration, SettingNames.LocksProvider, ["InProcess", "Redis"], problems);
        RequireWhen(configuration, SettingNames.DatabaseProvider, "MySql", SettingNames.MySqlConnection, problems);
        RequireWhen(configuration, SettingNames.CacheProvider, "Redis", SettingNames.RedisConnection, problems);
        RequireWhen(configuration, SettingNames.LocksProvider, "Redis", SettingNames.RedisConnection, problems);
        CheckUserIds(configuration, SettingNames.AccessAllowedUserIds, problems);
        CheckUserIds(configuration, SettingNames.AccessAdminUserIds, problems);
        CheckWholeNumber(configuration, SettingNames.CacheMemoryEntries, MemoryCacheSettings.MinEntries, MemoryCacheSettings.MaxEntries, problems);
        CheckWholeNumber(configuration, SettingNames.CacheSessionMegabytes, 0, SessionCacheSettings.MaxMegabytes, problems);
        CheckWholeNumber(configuration, SettingNames.AccessMessagesPerMinute, 0, AccessSettings.MaxMessagesPerMinute, problems);
        CheckWholeNumber(configuration, SettingNames.AccessDailyTokenQuota, 0, long.MaxValue, problems);
        CheckChoice(configuration, SettingNames.BotStreaming, Enum.GetNames<StreamingMode>(), problems);
        CheckDuration(configuration, SettingNames.BotStreamingInterval, problems);
        return problems;
    }

    private static string Name(string key) => SettingNames.AsEnvironmentVariable(key);

    private static string Missing(string key, string what, string alias) =>
        $"Missing setting {Name(key)} (or {alias}): {what}; {WhereToSet}.";

    private static void CheckUrl(IConfiguration configuration, string key, List<string> problems)
    {
        var value = configuration[key];
        if (value is not null
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"{Name(key)} is malformed: expected an absolute http(s) URL; {WhereToSet}.");
        }
    }

    /// <summary>Telegram posts only over TLS, and only to these ports.</summary>
    private static void CheckWebhookUrl(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{Name(SettingNames.WebhookUrl)} is malformed: expected the absolute https URL Telegram posts updates to; {WhereToSet}.");
        }
        else if (!WebhookPorts.Contains(uri.Port))
        {
            problems.Add($"{Name(SettingNames.WebhookUrl)} uses port {uri.Port}: Telegram posts only to ports {string.Join(", ", WebhookPorts)}; {WhereToSet}.");
        }
        else if (uri.AbsolutePath.Equals(HttpEndpoints.HealthPath, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{Name(SettingNames.WebhookUrl)} has the path {HttpEndpoints.HealthPath}, which is the health endpoint's: choose another; {WhereToSet}.");
        }
    }

    /// <summary>Never echoes the value: it is a secret.</summary>
    private static void CheckWebhookSecret(string? value, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(value) && !WebhookSecretPattern().IsMatch(value))
        {
            problems.Add($"{Name(SettingNames.WebhookSecret)} is malformed: expected 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); {WhereToSet}.");
        }
    }

    private static void CheckDuration(IConfiguration configuration, string key, List<string> problems)
    {
        var value = configuration[key];
        if (value is not null && !(TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero))
        {
            problems.Add($"{Name(key)} is '{value}': expected a positive duration such as 00:00:20; {WhereToSet}.");
        }
    }

    private static void CheckChoice(IConfiguration configuration, string key, string[] choices, List<string> problems)
    {
        var value = configuration[key];
        if (value is not null && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{Name(key)} is '{value}': expected {string.Join(" or ", choices)}; {WhereToSet}.");
        }
    }

    private static void RequireWhen(IConfiguration configuration, string choiceKey, string choice, string requiredKey, List<string> problems)
    {
        var alreadyReported = problems.Exists(problem => problem.StartsWith($"Missing setting {Name(requiredKey)}:", StringComparison.Ordinal));
        if (string.Equals(configuration[choiceKey], choice, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration[requiredKey])
            && !alreadyReported)
        {
            problems.Add($"Missing setting {Name(requiredKey)}: required when {Name(choiceKey)} is {choice}; {WhereToSet}.");
        }
    }

    private static void CheckUserIds(IConfiguration configuration, string key, List<string> problems)
    {
        var malformed = AccessSettings.ReadUserIds(configuration, key).Malformed;
        if (malformed.Count > 0)
        {
            problems.Add($"{Name(key)} has '{string.Join("', '", malformed)}': expected Telegram user ids (numbers) separated by commas; {WhereToSet}.");
        }
    }

    private static void CheckWholeNumber(IConfiguration configuration, string key, long min, long max, List<string> problems)
    {
        var value = configuration[key];
        if (value is { Length: > 0 }
            && !(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max))
        {
            var range = max == long.MaxValue
                ? $"{min.ToString(CultureInfo.InvariantCulture)} or more"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
            var off = min == 0 ? " (0 turns it off)" : string.Empty;
            problems.Add($"{Name(key)} is '{value}': expected a whole number {range}{off}; {WhereToSet}.");
        }
    }

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex BotTokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}\z")]
    private static partial Regex WebhookSecretPattern();
}
