using System.Text;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>An element open at some point of the HTML; <see cref="Markup"/> reopens it with the same attributes.</summary>
internal readonly record struct OpenTag(string Name, string Markup)
{
    public int ClosingLength => Name.Length + 3;

    public void AppendClosing(StringBuilder html) => html.Append("</").Append(Name).Append('>');

    public static OpenTag From(string html, HtmlToken token) =>
        new(token.Name(html).ToString(), html.Substring(token.Start, token.Length));
}
