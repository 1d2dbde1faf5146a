using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Texts;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace CleanBot.Presentation.Bot.Telegram.InlineQueries;

/// <summary>
/// What the bot answers to one inline query: the results (one article, or none), how long Telegram may keep them for
/// the same person and text (<paramref name="CacheSeconds"/>), and an optional button above them.
/// </summary>
internal sealed record InlineReply(IReadOnlyList<InlineQueryResult> Results, int CacheSeconds, InlineQueryResultsButton? Button)
{
    /// <summary>The deep link the hint button opens the private chat with (<c>/start inline</c>).</summary>
    public const string StartParameter = "inline";

    /// <summary>Telegram may show an answer again for the same text from the same person for this long, without
    /// asking the bot (or its rate limit) again.</summary>
    public const int AnswerCacheSeconds = 300;

    private const int TitleMaxLength = 64;
    private const int DescriptionMaxLength = 120;

    /// <summary>The model's answer as one article: titled with the question, previewed by its start.</summary>
    public static InlineReply Answer(string question, string html) =>
        new([Article("answer", InlineMessageText.Preview(question, TitleMaxLength), InlineMessageText.Preview(TelegramHtml.ToPlainText(html), DescriptionMaxLength), html, ParseMode.Html)],
            AnswerCacheSeconds,
            Button: null);

    /// <summary>One article that says why there is no answer; not cached, so typing the query again asks again.</summary>
    public static InlineReply Explanation(string title, string sentence) =>
        new([Article("explanation", title, sentence, sentence, ParseMode.None)], CacheSeconds: 0, Button: null);

    /// <summary>No results, and a button that tells what to type and opens the private chat with the bot.</summary>
    public static InlineReply Hint(BotTexts texts) =>
        new([], AnswerCacheSeconds, new InlineQueryResultsButton(texts.InlineHintButton) { StartParameter = StartParameter });

    /// <summary>No results at all: the person has already been told why.</summary>
    public static InlineReply Silence() => new([], CacheSeconds: 0, Button: null);

    private static InlineQueryResultArticle Article(string id, string title, string description, string messageText, ParseMode parseMode) =>
        new(id, title, new InputTextMessageContent(messageText) { ParseMode = parseMode, LinkPreviewOptions = LinkPreview.Off })
        {
            Description = description,
        };
}
