using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>/lang: the bot speaks what Telegram reports until the person picks a language, then that.</summary>
public sealed class LanguageChoiceTests
{
    [Fact]
    public async Task Lang_shows_both_languages_by_their_own_names_with_the_current_one_ticked()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var menu = await bot.AskPrivateAsync(3001, "/lang");

        menu.Text.Should().Be(BotTexts.English.LanguageMenu);
        bot.ButtonsOf(menu).Should().Equal(
            new InlineButton("✅ English", ButtonData.For(Language.English)),
            new InlineButton("فارسی", ButtonData.For(Language.Persian)));
    }

    [Fact]
    public async Task Choosing_Persian_on_an_English_client_switches_every_later_text_to_Persian()
    {
        const long UserId = 3002;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.AskPrivateAsync(UserId, "/lang");

        var answer = await bot.PressAsync(menu, UserId, ButtonData.For(Language.Persian));
        var help = await bot.AskPrivateAsync(UserId, "/help");
        var start = await bot.AskPrivateAsync(UserId, "/start", firstName: "Sam");
        var reset = await bot.AskPrivateAsync(UserId, "/new");
        var sticker = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Sticker(UserId, UserId));
        var modeMenu = await bot.AskPrivateAsync(UserId, "/mode");
        var langMenu = await bot.AskPrivateAsync(UserId, "/lang");
        var tooLong = await bot.AskPrivateAsync(UserId, new string('a', 4097));

        answer.Text.Should().Be(BotTexts.Persian.LanguageChosenToast);
        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(BotTexts.Persian.LanguageChosen);
        help.Text.Should().Be(BotTexts.Persian.Help(BotCommands.Listed, 4096));
        start.Text.Should().Be(BotTexts.Persian.Welcome("Sam", isNewUser: false));
        reset.Text.Should().Be(BotTexts.Persian.SessionReset(hadSession: false));
        sticker.Text.Should().Be(BotTexts.Persian.NotSupported(NotTextKind.Sticker));
        modeMenu.Text.Should().Be(BotTexts.Persian.PersonaMenu(Persona.Assistant));
        langMenu.Text.Should().Be(BotTexts.Persian.LanguageMenu);
        bot.ButtonsOf(langMenu).Select(button => button.Text).Should().Equal("English", "✅ فارسی");
        tooLong.Text.Should().Be(BotTexts.Persian.TextTooLong(4096), "refusals follow the choice too");
    }

    [Fact]
    public async Task Choosing_English_on_a_Persian_client_wins_over_Telegram_from_then_on()
    {
        const long UserId = 3003;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.AskPrivateAsync(UserId, "/lang", languageCode: "fa");
        menu.Text.Should().Be(BotTexts.Persian.LanguageMenu);

        var answer = await bot.PressAsync(menu, UserId, ButtonData.For(Language.English), languageCode: "fa");
        bot.Gemini.EnqueueBlocked();
        var blocked = await bot.AskPrivateAsync(UserId, "سلام", languageCode: "fa");

        answer.Text.Should().Be(BotTexts.English.LanguageChosenToast);
        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(BotTexts.English.LanguageChosen);
        blocked.Text.Should().Be(BotTexts.English.Blocked, "the outcome of a question follows the chosen language too");
    }
}
