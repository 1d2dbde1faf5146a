using System.Diagnostics.CodeAnalysis;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>Which link targets may become clickable. Anything else (javascript:, data:, relative paths) stays text.</summary>
internal static class LinkPolicy
{
    private static readonly string[] AllowedSchemes = ["http", "https", "tg", "mailto"];

    public static bool IsAllowed([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var scheme = url.AsSpan(0, colon);
        foreach (var allowed in AllowedSchemes)
        {
            if (scheme.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                // Telegram rejects the whole message over a malformed href, so only well-formed URLs are linked.
                return Uri.TryCreate(url, UriKind.Absolute, out _);
            }
        }

        return false;
    }
}
