using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>Turns the model's Markdown into the HTML subset Telegram's parse_mode=HTML accepts, and back to plain text.</summary>
internal static class TelegramHtml
{
    // Raw HTML from the model is parsed as text, so it is escaped rather than passed through.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UsePipeTables()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    /// <summary>Renders Markdown as Telegram HTML. Never throws: broken Markdown shows as the text it is.</summary>
    public static string Render(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        try
        {
            return new TelegramHtmlWriter(markdown).Write(Markdown.Parse(markdown, Pipeline));
        }
        catch (ArgumentException)
        {
            // Markdig refuses absurdly deep nesting; such an answer is shown as the text it is.
            var html = new StringBuilder(markdown.Length + 16);
            HtmlEscaper.AppendText(html, markdown);
            return html.ToString();
        }
    }

    /// <summary>The text Telegram would show for <paramref name="html"/>: tags dropped, entities decoded.
    /// For resending a part without parse_mode when Telegram cannot parse it.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        Span<char> decoded = stackalloc char[2];
        for (var position = 0; position < html.Length;)
        {
            var token = HtmlToken.Read(html, position);
            if (token.Kind == HtmlTokenKind.Character)
            {
                text.Append(html, token.Start, token.Length);
            }
            else if (token.Kind == HtmlTokenKind.Entity)
            {
                text.Append(decoded[..token.EntityValue.EncodeToUtf16(decoded)]);
            }

            position += token.Length;
        }

        return text.ToString();
    }
}
