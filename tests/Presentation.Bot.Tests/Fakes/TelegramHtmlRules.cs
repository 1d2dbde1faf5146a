using System.Globalization;
using System.Text;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// Telegram's parse_mode=HTML rules, strictly enough to catch what the real server rejects:
/// only the documented tags, balanced and properly nested, and no bare '&lt;'.
/// Produces the plain text the user would see, which is what the 4096 limit counts.
/// </summary>
internal static class TelegramHtmlRules
{
    private static readonly HashSet<string> SupportedTags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "tg-emoji", "code", "pre", "blockquote",
    };

    private static readonly Dictionary<string, string> NamedEntities = new(StringComparer.Ordinal)
    {
        ["lt"] = "<",
        ["gt"] = ">",
        ["amp"] = "&",
        ["quot"] = "\"",
    };

    /// <param name="error">The part after "Bad Request: can't parse entities: ".</param>
    public static bool TryParse(string html, out string plain, out string? error)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        plain = string.Empty;
        error = null;

        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '&')
            {
                i = AppendEntity(html, i, text);
                continue;
            }

            if (c != '<')
            {
                text.Append(c);
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                error = $"Unclosed start tag at byte offset {ByteOffset(html, i)}";
                return false;
            }

            var tag = html[(i + 1)..close].Trim();
            if (tag.StartsWith('/'))
            {
                var name = tag[1..].Trim().ToLowerInvariant();
                if (open.Count == 0)
                {
                    error = $"Unexpected end tag at byte offset {ByteOffset(html, i)}";
                    return false;
                }

                if (open.Peek() != name)
                {
                    error = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
                    return false;
                }

                open.Pop();
            }
            else
            {
                var name = tag.Split([' ', '\t', '\n', '\r', '/'], 2)[0].ToLowerInvariant();
                if (!SupportedTags.Contains(name))
                {
                    error = $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}";
                    return false;
                }

                open.Push(name);
            }

            i = close;
        }

        if (open.Count > 0)
        {
            error = $"Can't find end tag corresponding to start tag \"{open.Peek()}\"";
            return false;
        }

        plain = text.ToString();
        return true;
    }

    /// <summary>Decodes &amp;name; or &amp;#N; at <paramref name="start"/>; an unknown one stays literal.</summary>
    /// <returns>The index of the last character consumed.</returns>
    private static int AppendEntity(string html, int start, StringBuilder text)
    {
        var end = html.IndexOf(';', start + 1);
        if (end > start + 1 && end - start <= 10)
        {
            var name = html[(start + 1)..end];
            if (NamedEntities.TryGetValue(name, out var value))
            {
                text.Append(value);
                return end;
            }

            if (name.StartsWith('#') && TryParseCodePoint(name[1..], out var codePoint))
            {
                text.Append(char.ConvertFromUtf32(codePoint));
                return end;
            }
        }

        text.Append('&');
        return start;
    }

    private static bool TryParseCodePoint(string digits, out int codePoint)
    {
        var parsed = digits.StartsWith('x') || digits.StartsWith('X')
            ? int.TryParse(digits[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint)
            : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out codePoint);
        return parsed && codePoint is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF);
    }

    // Telegram reports UTF-8 byte offsets.
    private static int ByteOffset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));
}
