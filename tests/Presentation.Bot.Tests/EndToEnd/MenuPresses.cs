using CleanBot.Presentation.Bot.Tests.Fakes;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Pressing the buttons of the bot's menus, as a person would, and waiting for the press to be answered.</summary>
internal static class MenuPresses
{
    /// <summary>Presses the button carrying <paramref name="data"/> under <paramref name="menu"/>; returns the answer.</summary>
    public static Task<CallbackAnswer> PressAsync(this BotUnderTest bot, SentMessage menu, long userId, string? data, string languageCode = "en") =>
        bot.PressAsync(menu.ChatId, menu.MessageId, userId, data, languageCode);

    public static async Task<CallbackAnswer> PressAsync(this BotUnderTest bot, long chatId, int? messageId, long userId, string? data, string languageCode = "en")
    {
        var (update, queryId) = bot.Telegram.Updates.ButtonPress(chatId, userId, messageId, data, languageCode);
        var updateId = bot.Send(update);
        var answer = await bot.Telegram.WaitForCallbackAnswerAsync(queryId);
        await bot.WaitUntilHandledAsync(updateId);
        return answer;
    }

    /// <summary>Every button of the message's keyboard, row after row.</summary>
    public static IReadOnlyList<InlineButton> ButtonsOf(this BotUnderTest bot, SentMessage menu) =>
        [.. bot.Telegram.InlineKeyboardOf(menu.ChatId, menu.MessageId).SelectMany(row => row)];
}
