using System.Globalization;
using CleanBot.Application;
using Microsoft.Extensions.Configuration;

namespace CleanBot.Presentation.Bot.Configuration;

/// <summary>
/// Binds the <c>Access</c> section. A list of user ids is one comma-separated value
/// (<c>Access__AllowedUserIds=111,222</c>) or an array (<c>Access__AllowedUserIds__0=111</c>, or a JSON array in
/// appsettings.json); the configuration binder knows only the second form, hence this class.
/// </summary>
internal static class AccessSettings
{
    public const int MaxMessagesPerMinute = 100_000;

    /// <summary>Call only once <see cref="StartupSettings.Validate"/> found no malformed entry.</summary>
    public static void Bind(IConfiguration configuration, AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.AllowedUserIds = ReadUserIds(configuration, SettingNames.AccessAllowedUserIds).Ids;
        options.AdminUserIds = ReadUserIds(configuration, SettingNames.AccessAdminUserIds).Ids;
        if (configuration[SettingNames.AccessMessagesPerMinute] is { Length: > 0 } perMinute)
        {
            options.MessagesPerMinute = int.Parse(perMinute, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (configuration[SettingNames.AccessDailyTokenQuota] is { Length: > 0 } quota)
        {
            options.DailyTokenQuota = long.Parse(quota, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The user ids a list setting names, and the entries that are not user ids.</summary>
    public static (HashSet<long> Ids, List<string> Malformed) ReadUserIds(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        var ids = new HashSet<long>();
        var malformed = new List<string>();
        foreach (var value in section.GetChildren().Select(child => child.Value).Prepend(section.Value))
        {
            foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (long.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                {
                    ids.Add(id);
                }
                else
                {
                    malformed.Add(entry);
                }
            }
        }

        return (ids, malformed);
    }
}
