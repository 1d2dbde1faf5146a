using Microsoft.Extensions.Configuration;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>The bound of the <see cref="ActiveSessionCache"/>, from <c>Cache:SessionMegabytes</c>.</summary>
public static class SessionCacheSettings
{
    public const string Key = "Cache:SessionMegabytes";
    public const int DefaultMegabytes = 16;
    public const int MaxMegabytes = 65_536;

    /// <summary>
    /// The bound in bytes; 0 turns the cache off. The newest 40 messages of a conversation, if short, take about
    /// 10 KB, so the default keeps about 1,600 such conversations.
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting is not a whole number from 0 to <see cref="MaxMegabytes"/>.</exception>
    public static long MaxBytes(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultMegabytes * 1024L * 1024L;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var megabytes)
            && megabytes <= MaxMegabytes
            ? megabytes * 1024L * 1024L
            : throw new InvalidOperationException(
                $"Setting {Key.Replace(":", "__", StringComparison.Ordinal)} must be a whole number from 0 to {MaxMegabytes} (0 turns it off).");
    }
}
