using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// answerInlineQuery with the real server's rules: a query issued by TelegramUpdateFactory.InlineQuery is answered at
// most once and only within InlineQueryLifetime; at most 50 results with unique ids of 1-64 bytes; an article needs a
// title and a message text of 1-4096 characters (HTML parsed as for sendMessage); the button needs a text and a
// start_parameter of 1-64 characters A-Z a-z 0-9 _ -.
public sealed partial class FakeTelegramServer
{
    /// <summary>How long the real server takes an answer to an inline query (about 10 s, measured, not documented).</summary>
    public static readonly TimeSpan InlineQueryLifetime = TimeSpan.FromSeconds(10);

    private const string QueryTooOld = "query is too old and response timeout expired or query ID is invalid";

    private readonly Dictionary<string, DateTimeOffset> _inlineQueries = [];
    private readonly List<InlineAnswer> _inlineAnswers = [];

    /// <summary>Every answerInlineQuery the server accepted, in order.</summary>
    public IReadOnlyList<InlineAnswer> InlineAnswers => Snapshot(_inlineAnswers);

    /// <summary>Waits until the inline query <paramref name="queryId"/> has been answered, and returns the answer.</summary>
    public async Task<InlineAnswer> WaitForInlineAnswerAsync(string queryId, TimeSpan? timeout = null)
    {
        await _changed.WaitUntilAsync(
            () => InlineAnswers.Any(answer => answer.QueryId == queryId), timeout ?? DefaultWaitTimeout,
            () => $"Inline query {queryId} was not answered. {DescribeCalls()}");
        return InlineAnswers.First(answer => answer.QueryId == queryId);
    }

    /// <summary>Makes <paramref name="queryId"/> answerable; called by the update factory.</summary>
    internal void IssueInlineQuery(string queryId)
    {
        lock (_gate)
        {
            _inlineQueries[queryId] = DateTimeOffset.UtcNow;
        }
    }

    private TelegramReply AnswerInlineQuery(JsonElement args)
    {
        var queryId = args.StringArg("inline_query_id") ?? string.Empty;
        if (args.StructuredArg("results") is not { ValueKind: JsonValueKind.Array } results)
        {
            return TelegramReply.BadRequest("parameter \"results\" is required");
        }

        if (results.GetArrayLength() > 50)
        {
            return TelegramReply.BadRequest("RESULTS_TOO_MUCH");
        }

        var articles = new List<InlineArticle>();
        foreach (var result in results.EnumerateArray())
        {
            var (article, error) = ReadArticle(result);
            if (error is not null)
            {
                return error.Value;
            }

            if (articles.Exists(known => known.Id == article!.Id))
            {
                return TelegramReply.BadRequest("RESULT_ID_DUPLICATE");
            }

            articles.Add(article!);
        }

        InlineResultsButton? button = null;
        if (args.StructuredArg("button") is { } buttonArgs)
        {
            var text = buttonArgs.StringArg("text");
            var start = buttonArgs.StringArg("start_parameter");
            if (string.IsNullOrWhiteSpace(text) || start is null || !StartParameterPattern().IsMatch(start))
            {
                return TelegramReply.BadRequest("BUTTON_INVALID");
            }

            button = new InlineResultsButton(text, start);
        }

        lock (_gate)
        {
            // Answered once, within the lifetime; an unknown id gets the same description on the real server.
            if (!_inlineQueries.TryGetValue(queryId, out var issuedAt) || DateTimeOffset.UtcNow - issuedAt > InlineQueryLifetime)
            {
                return TelegramReply.BadRequest(QueryTooOld);
            }

            _inlineQueries.Remove(queryId);
            _inlineAnswers.Add(new InlineAnswer(queryId, articles, args.IntArg("cache_time"), args.BoolArg("is_personal"), button, NextSequence()));
        }

        return TelegramReply.Ok(true);
    }

    private (InlineArticle? Article, TelegramReply? Error) ReadArticle(JsonElement result)
    {
        var id = result.StringArg("id") ?? string.Empty;
        if (result.StringArg("type") != "article")
        {
            return (null, TelegramReply.BadRequest("the fake knows article results only"));
        }

        if (Encoding.UTF8.GetByteCount(id) is < 1 or > 64)
        {
            return (null, TelegramReply.BadRequest("RESULT_ID_INVALID"));
        }

        var title = result.StringArg("title");
        if (string.IsNullOrWhiteSpace(title))
        {
            return (null, TelegramReply.BadRequest("RESULT_TITLE_EMPTY"));
        }

        if (result.StructuredArg("input_message_content") is not { } content || content.StringArg("message_text") is not { } raw)
        {
            return (null, TelegramReply.BadRequest("MESSAGE_EMPTY"));
        }

        var (plain, parseMode, error) = Render(raw, content.StringArg("parse_mode"));
        return error is not null
            ? (null, error)
            : (new InlineArticle(id, title, result.StringArg("description"), plain, raw, parseMode), null);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StartParameterPattern();
}

/// <summary>An accepted answerInlineQuery. CacheTime is null when the bot left Telegram's default (300 s).</summary>
public sealed record InlineAnswer(string QueryId, IReadOnlyList<InlineArticle> Results, int? CacheTime, bool IsPersonal, InlineResultsButton? Button, long Sequence);

/// <summary>An article result. Text is what the chat would show once it is sent (HTML parsed); RawText is as sent.</summary>
public sealed record InlineArticle(string Id, string Title, string? Description, string Text, string RawText, string? ParseMode);

/// <summary>The button above the results, opening the private chat with /start StartParameter.</summary>
public sealed record InlineResultsButton(string Text, string StartParameter);
