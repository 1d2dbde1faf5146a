using System.Text;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>
/// The smallest piece of Telegram HTML that may not be cut: a tag, an entity, or one character
/// (both halves of a surrogate pair together).
/// </summary>
internal readonly record struct HtmlToken(HtmlTokenKind Kind, int Start, int Length, int NameStart = 0, int NameLength = 0, Rune EntityValue = default)
{
    // Longer "tags" are taken as text: it bounds the look-ahead for a '>' that never comes.
    private const int MaxTagLength = 4096;

    /// <summary>UTF-16 units Telegram counts for it; entity offsets and the length limit are measured in them.</summary>
    public int VisibleLength => Kind switch
    {
        HtmlTokenKind.Character => Length,
        HtmlTokenKind.Entity => EntityValue.Utf16SequenceLength,
        _ => 0,
    };

    public bool IsWhitespace(string html) => Kind == HtmlTokenKind.Character && char.IsWhiteSpace(html[Start]);

    public ReadOnlySpan<char> Name(string html) => html.AsSpan(NameStart, NameLength);

    public static HtmlToken Read(string html, int start)
    {
        var first = html[start];
        if (first == '<' && TryReadTag(html, start, out var tag))
        {
            return tag;
        }

        if (first == '&' && TelegramEntity.TryRead(html.AsSpan(start), out var length, out var value))
        {
            return new HtmlToken(HtmlTokenKind.Entity, start, length, EntityValue: value);
        }

        var isSurrogatePair = char.IsHighSurrogate(first) && start + 1 < html.Length && char.IsLowSurrogate(html[start + 1]);
        return new HtmlToken(HtmlTokenKind.Character, start, isSurrogatePair ? 2 : 1);
    }

    private static bool TryReadTag(string html, int start, out HtmlToken tag)
    {
        tag = default;
        var isClosing = start + 1 < html.Length && html[start + 1] == '/';
        var nameStart = start + (isClosing ? 2 : 1);
        var nameEnd = nameStart;
        while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]) || nameEnd == html.Length)
        {
            return false;
        }

        var rest = html.AsSpan(nameEnd, Math.Min(html.Length - nameEnd, MaxTagLength));
        var end = rest.IndexOfAny('<', '>');
        if (end < 0 || rest[end] != '>' || (end > 0 && !char.IsWhiteSpace(rest[0])))
        {
            return false;
        }

        var kind = isClosing ? HtmlTokenKind.ClosingTag : HtmlTokenKind.OpeningTag;
        tag = new HtmlToken(kind, start, nameEnd + end + 1 - start, nameStart, nameEnd - nameStart);
        return true;
    }
}
