using System.Buffers;
using System.Text;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>Escapes text for Telegram HTML: the characters Telegram's parser would take for markup.</summary>
internal static class HtmlEscaper
{
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("<>&");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("<>&\"");

    public static void AppendText(StringBuilder html, ReadOnlySpan<char> text) => Append(html, text, TextSpecials);

    public static void AppendAttribute(StringBuilder html, ReadOnlySpan<char> value) => Append(html, value, AttributeSpecials);

    private static void Append(StringBuilder html, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        var index = text.IndexOfAny(specials);
        while (index >= 0)
        {
            html.Append(text[..index]).Append(text[index] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => "&quot;",
            });
            text = text[(index + 1)..];
            index = text.IndexOfAny(specials);
        }

        html.Append(text);
    }
}
