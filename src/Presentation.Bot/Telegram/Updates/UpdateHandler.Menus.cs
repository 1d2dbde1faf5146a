using CleanBot.Application.Features.Preferences.ChooseLanguage;
using CleanBot.Application.Features.Preferences.ChoosePersona;
using CleanBot.Application.Features.Preferences.ShowPreferences;
using CleanBot.Domain.Users;
using CleanBot.Infrastructure;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Texts;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types.ReplyMarkups;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

// The menus: /mode and /lang send a message with an inline keyboard; a press on one of its buttons stores the choice,
// is answered with a short notice and turns the menu into a confirmation.
internal sealed partial class UpdateHandler
{
    private Task ModeMenuAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        ShowMenuAsync(message, static (texts, shown) => (texts.PersonaMenu(shown.Persona), MenuKeyboards.Personas(texts, shown.Persona)), cancellationToken);

    private Task LanguageMenuAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        ShowMenuAsync(message, static (texts, shown) => (texts.LanguageMenu, MenuKeyboards.Languages(shown.Language)), cancellationToken);

    private async Task ShowMenuAsync(
        IncomingMessage message,
        Func<BotTexts, ShowPreferencesOutcome.Shown, (string Text, InlineKeyboardMarkup Keyboard)> menu,
        CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new ShowPreferencesQuery(message.Profile), cancellationToken);
        var texts = BotTexts.For(outcome.Language);
        switch (outcome)
        {
            case ShowPreferencesOutcome.Shown shown:
                var (text, keyboard) = menu(texts, shown);
                await menus.SendMenuAsync(message.Target, text, keyboard, cancellationToken);
                break;
            case ShowPreferencesOutcome.Refused refused when Refusal(texts, refused.Rejection) is { } sentence:
                await replies.SendPlainAsync(message.Target, sentence, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Acts on a button press and always answers it, so the button stops spinning: with the choice made, with a polite
    /// word for a button the bot does not know, or with an apology when handling it failed. Then the menu becomes the
    /// confirmation. A transient failure (the database restarting) propagates unanswered instead, so the update is
    /// handled again.
    /// </summary>
    private async Task PressAsync(int updateId, ButtonPress press, CancellationToken cancellationToken)
    {
        string? notice;
        string? confirmation = null;
        try
        {
            if (press is { Choice: { } choice, Menu: { } menu })
            {
                (notice, confirmation) = await ChooseAsync(press.Profile, menu, choice, cancellationToken);
            }
            else
            {
                LogUnknownButton(logger, updateId, press.Profile.Id);
                notice = BotTexts.For(await LanguageOfAsync(press.Profile, cancellationToken)).UnknownButton;
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !TransientFailures.IsTransient(exception))
        {
            LogFailed(logger, exception, updateId);
            notice = BotTexts.For(press.Profile.Language).UnexpectedError;
        }

        await menus.AnswerPressAsync(press.QueryId, notice, cancellationToken);
        if (confirmation is not null && press.Menu is { } answeredMenu)
        {
            await menus.ReplaceMenuAsync(answeredMenu.Target.ChatId, answeredMenu.MessageId, confirmation, cancellationToken);
        }
    }

    /// <summary>Stores the choice; returns the notice for the press and the text the menu becomes (null: leave it).</summary>
    private async Task<(string? Notice, string? Confirmation)> ChooseAsync(UserProfile profile, MenuMessage menu, MenuChoice choice, CancellationToken cancellationToken)
    {
        switch (choice)
        {
            case MenuChoice.OfPersona persona:
                var personaOutcome = await mediator.Send(new ChoosePersonaCommand(profile, menu.Target.ChatId, persona.Persona), cancellationToken);
                var personaTexts = BotTexts.For(personaOutcome.Language);
                return personaOutcome switch
                {
                    ChoosePersonaOutcome.Chosen chosen => (personaTexts.PersonaChosenToast(chosen.Persona), personaTexts.PersonaChosen(chosen.Persona, chosen.SessionEnded)),
                    ChoosePersonaOutcome.Refused refused => (Refusal(personaTexts, refused.Rejection), null),
                    _ => throw new InvalidOperationException($"Unknown outcome {personaOutcome.GetType().Name}."),
                };
            case MenuChoice.OfLanguage language:
                var languageOutcome = await mediator.Send(new ChooseLanguageCommand(profile, language.Language), cancellationToken);
                var languageTexts = BotTexts.For(languageOutcome.Language);
                return languageOutcome switch
                {
                    ChooseLanguageOutcome.Chosen => (languageTexts.LanguageChosenToast, languageTexts.LanguageChosen),
                    ChooseLanguageOutcome.Refused refused => (Refusal(languageTexts, refused.Rejection), null),
                    _ => throw new InvalidOperationException($"Unknown outcome {languageOutcome.GetType().Name}."),
                };
            default:
                throw new InvalidOperationException($"Unknown menu choice {choice.GetType().Name}.");
        }
    }

    /// <summary>The language to say "unknown button" in: the person's own, read without writing anything.</summary>
    private async Task<Language> LanguageOfAsync(UserProfile profile, CancellationToken cancellationToken) =>
        (await mediator.Send(new ShowPreferencesQuery(profile), cancellationToken)).Language;

    [LoggerMessage(Level = LogLevel.Information, Message = "Update {UpdateId}: user {UserId} pressed a button the bot does not know")]
    private static partial void LogUnknownButton(ILogger logger, int updateId, long userId);
}
