using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.Ask;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.ResetSession;
using CleanBot.Application.Features.Start;
using CleanBot.Infrastructure;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Texts;
using MediatR;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using BotCommand = CleanBot.Application.Features.Help.BotCommand;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Turns one update into a request for the application and its outcome into words for the chat. Whatever goes
/// wrong, the person gets a short apology in their language and the bot moves on to the next update.
/// </summary>
internal sealed partial class UpdateHandler(
    UpdateRouter router,
    IMediator mediator,
    ReplySender replies,
    TypingIndicator typing,
    ILogger<UpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var route = router.Route(update);
        if (route is UpdateRoute.Ignore ignore)
        {
            LogSkipped(logger, update.Id, ignore.Reason);
            return;
        }

        var message = route switch
        {
            UpdateRoute.Command command => command.Message,
            UpdateRoute.Ask ask => ask.Message,
            UpdateRoute.NotText notText => notText.Message,
            _ => throw new InvalidOperationException($"Unknown route {route.GetType().Name}."),
        };

        try
        {
            await HandleRouteAsync(route, message, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !TransientFailures.IsTransient(exception))
        {
            // A transient failure (the database restarting) propagates instead: the update stays pending and is retried.
            LogFailed(logger, exception, update.Id);
            await ApologiseAsync(message, cancellationToken);
        }
    }

    private Task HandleRouteAsync(UpdateRoute route, IncomingMessage message, CancellationToken cancellationToken) => route switch
    {
        UpdateRoute.Ask ask => AskAsync(ask.Text, message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Start } => StartAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Help } => HelpAsync(message, cancellationToken),
        UpdateRoute.Command { Name: BotCommand.Reset or BotCommand.New } => ResetAsync(message, cancellationToken),
        UpdateRoute.NotText => replies.SendPlainAsync(
            message.Target, BotTexts.For(message.Profile.Language).OnlyTextSupported, cancellationToken),
        _ => throw new InvalidOperationException($"Unhandled route {route}."),
    };

    private async Task AskAsync(string text, IncomingMessage message, CancellationToken cancellationToken)
    {
        AskOutcome outcome;
        await using (typing.Show(message.Target, cancellationToken))
        {
            outcome = await mediator.Send(new AskCommand(message.Profile, message.Target.ChatId, text), cancellationToken);
        }

        if (outcome is AskOutcome.Answered answered)
        {
            await replies.SendMarkdownAsync(message.Target, answered.Text, cancellationToken);
            return;
        }

        var texts = BotTexts.For(outcome.Language);
        var sentence = outcome switch
        {
            AskOutcome.Refused refused => texts.Rejected(refused.Rejection),
            AskOutcome.ModelBusy busy => texts.ModelBusy(busy.RetryAfter),
            AskOutcome.QuotaExhausted => texts.QuotaExhausted,
            AskOutcome.Blocked => texts.Blocked,
            AskOutcome.ConversationTooLong => texts.ConversationTooLong,
            AskOutcome.ModelUnavailable => texts.ModelUnavailable,
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        };
        await replies.SendPlainAsync(message.Target, sentence, cancellationToken);
    }

    private Task StartAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new StartCommand(message.Profile), message, static (texts, outcome) => outcome switch
        {
            StartOutcome.Welcomed welcomed => texts.Welcome(welcomed.FirstName, welcomed.IsNewUser),
            StartOutcome.Refused refused => texts.Rejected(refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    private Task HelpAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new HelpQuery(message.Profile), message, static (texts, outcome) => outcome switch
        {
            HelpOutcome.Shown shown => texts.Help(shown.Commands, shown.MaxInputCharacters),
            HelpOutcome.Refused refused => texts.Rejected(refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    private Task ResetAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        AnswerAsync(new ResetSessionCommand(message.Profile, message.Target.ChatId), message, static (texts, outcome) => outcome switch
        {
            ResetSessionOutcome.Reset reset => texts.SessionReset(reset.HadSession),
            ResetSessionOutcome.Refused refused => texts.Rejected(refused.Rejection),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        }, cancellationToken);

    /// <summary>Sends a request and answers with the sentence its outcome calls for, in the outcome's language.</summary>
    private async Task AnswerAsync<TOutcome>(
        IRequest<TOutcome> request,
        IncomingMessage message,
        Func<BotTexts, TOutcome, string> sentence,
        CancellationToken cancellationToken)
        where TOutcome : IOutcome<TOutcome>
    {
        var outcome = await mediator.Send(request, cancellationToken);
        await replies.SendPlainAsync(message.Target, sentence(BotTexts.For(outcome.Language), outcome), cancellationToken);
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell chat {ChatId} that its update failed")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, long chatId);
}
