using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.Ask;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.MarkBotBlocked;
using CleanBot.Application.Features.NotText;
using CleanBot.Application.Features.ResetSession;
using CleanBot.Application.Features.Start;
using CleanBot.Application.Features.Stats;
using CleanBot.Application.Features.Usage;
using CleanBot.Infrastructure;
using CleanBot.Presentation.Bot.Telegram.Images;
using CleanBot.Presentation.Bot.Telegram.InlineQueries;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using CleanBot.Presentation.Bot.Texts;
using MediatR;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using BotCommand = CleanBot.Application.Features.Help.BotCommand;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Turns one update into a request for the application and its outcome into words for the chat. Whatever goes
/// wrong, the person gets a short apology in their language and the bot moves on to the next update; except when
/// Telegram refuses to deliver to them at all (403: they blocked the bot), which is recorded and ends the update.
/// </summary>
internal sealed partial class UpdateHandler(
    UpdateRouter router,
    IMediator mediator,
    ReplySender replies,
    TypingIndicator typing,
    InlineAnswerResponder inlineAnswers,
    MenuReplies menus,
    TelegramImageDownloader images,
    AnswerStreamer streamer,
    BotIdentity identity,
    ILogger<UpdateHandler> logger)
{
    /// <summary>
    /// Routes the update at once and keeps only its route and id while the answer is awaited: Telegram.Bot's objects
    /// (its <see cref="Message"/> alone is about a kilobyte) would otherwise be held by every chat in flight, and what
    /// the chats in flight hold is what each garbage collection copies (docs/performance-history.md).
    /// </summary>
    public Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return HandleAsync(update.Id, router.Route(update), cancellationToken);
    }

    private async Task HandleAsync(int updateId, UpdateRoute route, CancellationToken cancellationToken)
    {
        if (route is UpdateRoute.Ignore ignore)
        {
            LogSkipped(logger, updateId, ignore.Reason);
            return;
        }

        if (route is UpdateRoute.Inline inline)
        {
            // No chat to reply or apologise in: the responder answers the query, whatever happens.
            await inlineAnswers.AnswerAsync(inline, cancellationToken);
            return;
        }

        if (route is UpdateRoute.Button button)
        {
            await PressAsync(updateId, button.Press, cancellationToken);
            return;
        }

        var message = route switch
        {
            UpdateRoute.Command command => command.Message,
            UpdateRoute.Ask ask => ask.Message,
            UpdateRoute.NotText notText => notText.Message,
            UpdateRoute.Image image => image.Message,
            _ => throw new InvalidOperationException($"Unknown route {route.GetType().Name}."),
        };

        try
        {
            await HandleRouteAsync(route, message, cancellationToken);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 403)
        {
            // Nothing more can reach this chat, an apology included; the update counts as handled.
            await RecordUndeliverableAsync(updateId, message, exception, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !TransientFailures.IsTransient(exception))
        {
            // A transient failure (the database restarting) propagates instead: the update stays pending and is retried.
            LogFailed(logger, exception, updateId);
            await ApologiseAsync(message, cancellationToken);
        }
    }

    private Task HandleRouteAsync(UpdateRoute route, IncomingMessage message, CancellationToken cancellationToken) => route switch
    {
        UpdateRoute.Ask ask => AskAsync(ask.Text, message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Start } => StartAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Help } => HelpAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Reset or BotCommand.New } => ResetAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Usage } => UsageAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Stats } => StatsAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Ask } => AskHintAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Mode } => ModeMenuAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Lang } => LanguageMenuAsync(message, cancellationToken),
        UpdateRoute.NotText notText => NotTextAsync(message, notText.Kind, cancellationToken),
        UpdateRoute.Image image => ImageAsync(image, message, cancellationToken),
        _ => throw new InvalidOperationException($"Unhandled route {route}."),
    };

    private async Task AskAsync(string text, IncomingMessage message, CancellationToken cancellationToken, ImageAttachment? image = null)
    {
        AskOutcome outcome;
        StreamedAnswer? stream;
        await using (var showingTyping = typing.Show(message.Target, cancellationToken))
        {
            stream = streamer.Open(message.Target, showingTyping, cancellationToken);
            await using (stream)
            {
                outcome = await mediator.Send(new AskCommand(message.Profile, message.Target.ChatId, text, image, stream), cancellationToken);
            }
        }

        // Ended above, so no preview is still on its way: the message the answer grew in (if any) is final here.
        var shown = stream?.Shown;
        if (outcome is AskOutcome.Answered answered)
        {
            await replies.SendMarkdownAsync(message.Target, answered.Text, shown, cancellationToken);
            return;
        }

        var texts = BotTexts.For(outcome.Language);
        var sentence = outcome switch
        {
            AskOutcome.Refused refused => Refusal(texts, refused.Rejection),
            AskOutcome.ModelBusy busy => texts.ModelBusy(busy.RetryAfter),
            AskOutcome.QuotaExhausted => texts.QuotaExhausted,
            AskOutcome.Blocked => texts.Blocked,
            AskOutcome.ConversationTooLong => texts.ConversationTooLong,
            AskOutcome.ModelUnavailable => texts.ModelUnavailable,
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        };
        if (sentence is not null)
        {
            // A failure after some words: the half-written answer becomes the sentence saying why it stopped.
            await replies.SendPlainAsync(message.Target, sentence, shown, cancellationToken);
        }
    }

    private Task StartAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new StartCommand(message.Profile), message, static (texts, outcome) => outcome switch
        {
            StartOutcome.Welcomed welcomed => texts.Welcome(welcomed.FirstName, welcomed.IsNewUser),
            StartOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    private Task HelpAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        // Inline questions are worth mentioning only when @BotFather's /setinline is on: otherwise they never arrive.
        var inlineUsername = identity.SupportsInlineQueries ? identity.Username : null;
        return AnswerAsync(new HelpQuery(message.Profile), message, (texts, outcome) => outcome switch
        {
            HelpOutcome.Shown shown => texts.Help(shown.Commands, shown.MaxInputCharacters, inlineUsername),
            HelpOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);
    }

    private Task ResetAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new ResetSessionCommand(message.Profile, message.Target.ChatId), message, static (texts, outcome) => outcome switch
        {
            ResetSessionOutcome.Reset reset => texts.SessionReset(reset.HadSession),
            ResetSessionOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    private Task UsageAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new UsageQuery(message.Profile), message, static (texts, outcome) => outcome switch
        {
            UsageOutcome.Shown shown => texts.Usage(shown.Usage),
            UsageOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    private Task StatsAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new StatsQuery(message.Profile), message, static (texts, outcome) => outcome switch
        {
            StatsOutcome.Shown shown => texts.Statistics(shown.Statistics),
            StatsOutcome.AdminsOnly => texts.AdminsOnly,
            StatsOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    /// <summary>A bare "/ask" asks how to use it: the help request answers in the person's language (and keeps
    /// strangers out), with the one hint instead of the whole list.</summary>
    private Task AskHintAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new HelpQuery(message.Profile), message, static (texts, outcome) => outcome switch
        {
            HelpOutcome.Shown => texts.AskHint,
            HelpOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    /// <summary>
    /// Downloads the image (the router has checked its declared size) and asks about it with its caption, or with a
    /// default prompt in the person's language. The buffer goes back to the pool once the answer is out.
    /// </summary>
    private async Task ImageAsync(UpdateRoute.Image image, IncomingMessage message, CancellationToken cancellationToken)
    {
        var download = await images.DownloadAsync(image.File, cancellationToken);
        if (download is not ImageDownload.Downloaded { Bytes: var bytes })
        {
            var kind = download is ImageDownload.TooLarge ? NotTextKind.OversizedImage : NotTextKind.UnavailableImage;
            await NotTextAsync(message, kind, cancellationToken);
            return;
        }

        using (bytes)
        {
            var text = image.Caption ?? BotTexts.For(message.Profile.Language).DescribeImagePrompt;
            await AskAsync(text, message, cancellationToken, new ImageAttachment(image.File.MimeType, bytes.Written));
        }
    }

    private Task NotTextAsync(IncomingMessage message, NotTextKind kind, CancellationToken cancellationToken) =>
        AnswerAsync(new NotTextQuery(message.Profile, kind), message, static (texts, outcome) => outcome switch
        {
            NotTextOutcome.Unsupported unsupported => texts.NotSupported(unsupported.Kind),
            NotTextOutcome.ImageTooLarge tooLarge => texts.ImageTooLarge(tooLarge.MaxBytes),
            NotTextOutcome.Refused refused => Refusal(texts, refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    /// <summary>
    /// Sends a request and answers with the sentence its outcome calls for, in the outcome's language; a null sentence
    /// means the person has already been told and nothing is sent.
    /// </summary>
    private async Task AnswerAsync<TOutcome>(
        IRequest<TOutcome> request,
        IncomingMessage message,
        Func<BotTexts, TOutcome, string?> sentence,
        CancellationToken cancellationToken)
        where TOutcome : IOutcome<TOutcome>
    {
        var outcome = await mediator.Send(request, cancellationToken);
        if (sentence(BotTexts.For(outcome.Language), outcome) is { } text)
        {
            await replies.SendPlainAsync(message.Target, text, cancellationToken);
        }
    }

    /// <summary>What to say about a refusal: nothing when the person was already told (the allow-list, the rate limit).</summary>
    private static string? Refusal(BotTexts texts, Rejection rejection) =>
        rejection.Code == RejectionCodes.AlreadyTold ? null : texts.Rejected(rejection);

    /// <summary>
    /// Telegram refused to deliver to the chat (403). When the person blocked the bot or deleted their account, their
    /// record is marked until they write again. A failure to mark is logged only: the reply could not go out anyway,
    /// and handling the update again would ask the model again for nothing.
    /// </summary>
    private async Task RecordUndeliverableAsync(int updateId, IncomingMessage message, ApiRequestException refusal, CancellationToken cancellationToken)
    {
        if (!IsBlockedByUser(refusal))
        {
            LogForbidden(logger, updateId, message.Target.ChatId, refusal.Message);
            return;
        }

        LogBlocked(logger, updateId, message.Profile.Id);
        try
        {
            await mediator.Send(new MarkBotBlockedCommand(message.Profile.Id), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogMarkBlockedFailed(logger, exception, message.Profile.Id);
        }
    }

    private static bool IsBlockedByUser(ApiRequestException refusal) =>
        refusal.Message.Contains("bot was blocked by the user", StringComparison.OrdinalIgnoreCase)
        || refusal.Message.Contains("user is deactivated", StringComparison.OrdinalIgnoreCase);

    private async Task ApologiseAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await replies.SendPlainAsync(message.Target, BotTexts.For(message.Profile.Language).UnexpectedError, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogApologyFailed(logger, exception, message.Target.ChatId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped update {UpdateId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int updateId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update {UpdateId}: user {UserId} has blocked the bot; nothing more is sent for it")]
    private static partial void LogBlocked(ILogger logger, int updateId, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId}: Telegram refuses messages to chat {ChatId} ({Reason}); nothing more is sent for it")]
    private static partial void LogForbidden(ILogger logger, int updateId, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark user {UserId} as having blocked the bot")]
    private static partial void LogMarkBlockedFailed(ILogger logger, Exception exception, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell chat {ChatId} that its update failed")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, long chatId);
}
