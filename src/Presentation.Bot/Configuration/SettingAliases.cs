using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace CleanBot.Presentation.Bot.Configuration;

/// <summary>
/// The short environment variable names operators know from other bots and Google's SDKs. They are added just
/// below the environment-variable source, so the canonical <c>Section__Key</c> names win when both are set.
/// </summary>
internal static class SettingAliases
{
    private static readonly (string Alias, string Key)[] Aliases =
    [
        ("TELEGRAM_BOT_TOKEN", SettingNames.BotToken),
        ("GOOGLE_API_KEY", SettingNames.GeminiApiKey),
        ("GEMINI_API_KEY", SettingNames.GeminiApiKey),
    ];

    public static void AddTo(IConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (alias, key) in Aliases)
        {
            // Later aliases override earlier ones: GEMINI_API_KEY beats GOOGLE_API_KEY, as in Google's own SDKs.
            if (Environment.GetEnvironmentVariable(alias) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        if (values.Count == 0)
        {
            return;
        }

        var sources = configuration.Sources;
        var environmentIndex = sources.Select((source, index) => (source, index))
            .FirstOrDefault(pair => pair.source is EnvironmentVariablesConfigurationSource).index;
        sources.Insert(environmentIndex, new MemoryConfigurationSource { InitialData = values });
    }
}
