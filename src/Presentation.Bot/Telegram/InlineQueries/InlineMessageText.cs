using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Telegram.InlineQueries;

/// <summary>Fits a model answer into the one message an inline result sends.</summary>
internal static class InlineMessageText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Renders the Markdown as Telegram HTML; when it takes more than one message, keeps the first part, cut where
    /// the splitter cuts (a blank line, a line break or a space, never inside a tag or an entity), and marks the cut.
    /// </summary>
    public static string Fit(string markdown)
    {
        var html = TelegramHtml.Render(markdown);
        var parts = TelegramMessageSplitter.Split(html);
        if (parts.Count <= 1)
        {
            return parts.Count == 1 ? parts[0] : html;
        }

        return TelegramMessageSplitter.Split(html, TelegramMessageSplitter.TelegramMaxLength - Ellipsis.Length)[0] + Ellipsis;
    }

    /// <summary>Plain text on one line, at most <paramref name="maxLength"/> characters, for a result's title or
    /// description: cut at a space when one is near.</summary>
    public static string Preview(string plainText, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        var text = string.Join(' ', plainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength - Ellipsis.Length);
        var end = cut > maxLength / 2 ? cut : maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end] + Ellipsis;
    }
}
