using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// The Bot API calls behind the bot's menus: a message with an inline keyboard, its edit once a button is pressed, and
/// the answer to the button press (without one the button keeps spinning on the person's screen).
/// </summary>
internal sealed partial class MenuReplies(ITelegramBotClient bot, ChatDelivery delivery, ILogger<MenuReplies> logger)
{
    /// <summary>Telegram shows at most this many characters of a callback answer.</summary>
    public const int MaxToastLength = 200;

    public Task SendMenuAsync(ReplyTarget target, string text, InlineKeyboardMarkup keyboard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return delivery.RunAsync(
            target.ChatId,
            token => bot.SendMessage(
                target.ChatId,
                text,
                replyParameters: target.QuoteParameters,
                replyMarkup: keyboard,
                messageThreadId: target.MessageThreadId,
                cancellationToken: token),
            cancellationToken);
    }

    /// <summary>
    /// Replaces a menu with the outcome of the press, without buttons. A menu Telegram no longer lets the bot edit (too
    /// old, deleted, already showing this text) stays as it is: the press itself has been answered anyway.
    /// </summary>
    public async Task ReplaceMenuAsync(long chatId, int messageId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.RunAsync(
                chatId,
                token => bot.EditMessageText(chatId, messageId, text, cancellationToken: token),
                cancellationToken);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 400)
        {
            LogMenuNotEdited(logger, chatId, messageId, exception.Message);
        }
    }

    /// <summary>Answers a button press with a short notice. Telegram accepts an answer only for a while after the press
    /// (a late one is refused with 400); an answer that cannot be given is logged and otherwise ignored.</summary>
    public async Task AnswerPressAsync(string callbackQueryId, string? toast, CancellationToken cancellationToken)
    {
        var text = toast is { Length: > MaxToastLength } ? toast[..(MaxToastLength - 1)] + "…" : toast;
        try
        {
            await bot.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: cancellationToken);
        }
        catch (RequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the notice and the spinner are lost: the choice is stored, and the menu is still edited.
            LogPressNotAnswered(logger, BotApiConnector.Describe(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Menu message {MessageId} in chat {ChatId} was not edited ({Reason})")]
    private static partial void LogMenuNotEdited(ILogger logger, long chatId, int messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A button press could not be answered ({Reason})")]
    private static partial void LogPressNotAnswered(ILogger logger, string reason);
}
