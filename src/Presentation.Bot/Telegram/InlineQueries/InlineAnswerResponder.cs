using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.InlineAnswer;
using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Telegram.Updates;
using CleanBot.Presentation.Bot.Texts;
using MediatR;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.InlineQueryResults;

namespace CleanBot.Presentation.Bot.Telegram.InlineQueries;

/// <summary>
/// Answers an inline query (<c>@botname question</c>) with answerInlineQuery: the model's one-shot answer as a single
/// article, an article that says why there is none, or a hint while the query is too short to ask about. Every query
/// gets an answer while Telegram still takes one; results are personal, so the allow-list and the limits of one
/// person never answer another's query from Telegram's cache.
/// </summary>
internal sealed partial class InlineAnswerResponder(IMediator mediator, ITelegramBotClient bot, ILogger<InlineAnswerResponder> logger)
{
    public async Task AnswerAsync(UpdateRoute.Inline inline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inline);
        try
        {
            // The first keystrokes of a question are not worth a model call, nor a count against the person's limits.
            var reply = InlineQuestion.IsAskable(inline.Text)
                ? ReplyTo(inline.Text, await mediator.Send(new InlineAnswerQuery(inline.Profile, inline.Text), cancellationToken))
                : InlineReply.Hint(BotTexts.For(inline.Profile.Language));
            await SendAsync(inline.QueryId, reply, cancellationToken);
        }
        catch (ApiRequestException exception) when (IsTooLate(exception))
        {
            LogTooLate(logger, inline.Profile.Id);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Unlike a message, an inline query is not worth handling again later: Telegram takes no late answer.
            LogFailed(logger, exception, inline.Profile.Id);
            await ApologiseAsync(inline, cancellationToken);
        }
    }

    private static InlineReply ReplyTo(string question, InlineAnswerOutcome outcome)
    {
        var texts = BotTexts.For(outcome.Language);
        return outcome switch
        {
            InlineAnswerOutcome.Answered answered => InlineReply.Answer(question, InlineMessageText.Fit(answered.Text)),
            InlineAnswerOutcome.Refused { Rejection.Code: RejectionCodes.AlreadyTold } => InlineReply.Silence(),
            InlineAnswerOutcome.Refused refused => InlineReply.Explanation(texts.InlineRefusedTitle, texts.Rejected(refused.Rejection)),
            InlineAnswerOutcome.TooSlow => InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.InlineTooSlow),
            InlineAnswerOutcome.ModelBusy busy => InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.ModelBusy(busy.RetryAfter)),
            InlineAnswerOutcome.QuotaExhausted => InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.QuotaExhausted),
            InlineAnswerOutcome.Blocked => InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.Blocked),
            InlineAnswerOutcome.ModelUnavailable => InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.InlineModelUnavailable),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        };
    }

    /// <summary>Sends the reply; should Telegram not parse the answer's HTML, sends it again as plain text.</summary>
    private async Task SendAsync(string queryId, InlineReply reply, CancellationToken cancellationToken)
    {
        try
        {
            await AnswerInlineQueryAsync(queryId, reply, cancellationToken);
        }
        catch (ApiRequestException exception) when (BotApiRefusals.IsEntityParseError(exception))
        {
            LogParseFallback(logger, exception.Message);
            await AnswerInlineQueryAsync(queryId, reply with { Results = [.. reply.Results.Select(AsPlainText)] }, cancellationToken);
        }
    }

    private Task AnswerInlineQueryAsync(string queryId, InlineReply reply, CancellationToken cancellationToken) =>
        bot.AnswerInlineQuery(queryId, reply.Results, reply.CacheSeconds, isPersonal: true, button: reply.Button, cancellationToken: cancellationToken);

    private static InlineQueryResult AsPlainText(InlineQueryResult result) =>
        result is InlineQueryResultArticle { InputMessageContent: InputTextMessageContent content } article
            ? new InlineQueryResultArticle(article.Id, article.Title, new InputTextMessageContent(TelegramHtml.ToPlainText(content.MessageText))
            {
                LinkPreviewOptions = content.LinkPreviewOptions,
            })
            {
                Description = article.Description,
            }
            : result;

    private async Task ApologiseAsync(UpdateRoute.Inline inline, CancellationToken cancellationToken)
    {
        var texts = BotTexts.For(inline.Profile.Language);
        try
        {
            await SendAsync(inline.QueryId, InlineReply.Explanation(texts.InlineNotAnsweredTitle, texts.UnexpectedError), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogApologyFailed(logger, exception, inline.Profile.Id);
        }
    }

    /// <summary>Telegram's answer to an inline answer given too late (about 10 seconds after the query) or twice.</summary>
    private static bool IsTooLate(ApiRequestException exception) =>
        exception.ErrorCode == 400
        && (exception.Message.Contains("query is too old", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("QUERY_ID_INVALID", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inline query of user {UserId} was answered too late: Telegram no longer takes the answer")]
    private static partial void LogTooLate(ILogger logger, long userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inline query of user {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell user {UserId} that their inline query failed")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not parse the HTML of an inline answer ({Reason}); sending it as plain text")]
    private static partial void LogParseFallback(ILogger logger, string reason);
}
