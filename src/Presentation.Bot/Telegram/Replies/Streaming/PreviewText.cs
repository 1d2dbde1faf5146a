using System.Text;
using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>
/// What a preview of an answer still being written shows: its Markdown so far, rendered as Telegram HTML by the same
/// rules as the finished answer, cut to the first message while the answer is longer than one.
/// </summary>
internal static class PreviewText
{
    /// <summary>
    /// Only this much of the answer's start is rendered for a preview: more than one message can hold, so a preview's
    /// cost stays bounded however long the answer grows.
    /// </summary>
    public const int MarkdownWindow = 2 * TelegramMessageSplitter.TelegramMaxLength;

    /// <summary>How much of the answer so far a preview reads: the window, without splitting a surrogate pair.</summary>
    public static int WindowLength(StringBuilder answer) =>
        answer.Length <= MarkdownWindow ? answer.Length
        : char.IsHighSurrogate(answer[MarkdownWindow - 1]) ? MarkdownWindow - 1
        : MarkdownWindow;

    /// <summary>The preview's HTML: never more than one message, never a cut tag or entity.</summary>
    public static string ToHtml(string markdownPrefix)
    {
        var html = TelegramHtml.Render(markdownPrefix);
        return html.Length <= TelegramMessageSplitter.TelegramMaxLength ? html : TelegramMessageSplitter.Split(html)[0];
    }
}
