using System.Globalization;
using System.Text;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>The HTML entities Telegram decodes: &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones.
/// Any other '&amp;' is a literal character to Telegram, and so to us.</summary>
internal static class TelegramEntity
{
    // "&#x10FFFF;" is the longest entity Telegram understands.
    private const int MaxLength = 10;

    /// <param name="text">Text starting with '&amp;'.</param>
    public static bool TryRead(ReadOnlySpan<char> text, out int length, out Rune value)
    {
        length = 0;
        value = default;
        var semicolon = text[..Math.Min(text.Length, MaxLength)].IndexOf(';');
        if (semicolon < 2)
        {
            return false;
        }

        var name = text[1..semicolon];
        var codePoint = name switch
        {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            _ => ParseNumeric(name),
        };
        if (codePoint <= 0 || !Rune.IsValid(codePoint))
        {
            return false;
        }

        length = semicolon + 1;
        value = new Rune(codePoint);
        return true;
    }

    private static int ParseNumeric(ReadOnlySpan<char> name)
    {
        if (name.Length < 2 || name[0] != '#')
        {
            return 0;
        }

        var isHex = name[1] is 'x' or 'X';
        var parsed = isHex
            ? int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out codePoint);
        return parsed ? codePoint : 0;
    }
}
