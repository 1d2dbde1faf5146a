using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Presses the bot cannot act on are still answered, politely and without an error.</summary>
public sealed class ButtonPressTests
{
    // A 70-character tag: over Telegram's 64-byte limit, which a client could still send.
    private const string OverLong = "mode:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Theory]
    [InlineData("mode:pirate")]
    [InlineData("mode:Translator")]
    [InlineData("mode:translator ")]
    [InlineData("lang:de")]
    [InlineData("lang:")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(OverLong)]
    [InlineData("{\"persona\":\"tutor\"}")]
    public async Task A_button_the_bot_does_not_know_is_answered_politely_and_changes_nothing(string? data)
    {
        const long UserId = 4001;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.AskPrivateAsync(UserId, "/mode");

        var answer = await bot.PressAsync(menu, UserId, data);
        await bot.AskPrivateAsync(UserId, "hi");

        answer.Text.Should().Be(BotTexts.English.UnknownButton);
        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(menu.Text, "the menu stays as it was");
        bot.Telegram.EditedMessages.Should().BeEmpty();
        bot.Gemini.Requests.Should().ContainSingle().Which.SystemInstruction.Should().NotBeNull();
        bot.Logs.Lines.Should().NotContain(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_press_without_a_message_is_answered_in_the_persons_language()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var answer = await bot.PressAsync(4002, messageId: null, 4002, ButtonData.For(Persona.Tutor), languageCode: "fa");

        answer.Text.Should().Be(BotTexts.Persian.UnknownButton);
        bot.Telegram.SentMessages.Should().BeEmpty("a press is answered with a notice, not a message");
    }

    [Fact]
    public async Task Pressing_the_current_persona_again_confirms_it_without_starting_over()
    {
        const long UserId = 4003;
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(UserId, "Remember 42");
        var menu = await bot.AskPrivateAsync(UserId, "/mode");

        var answer = await bot.PressAsync(menu, UserId, ButtonData.For(Persona.Assistant));
        await bot.AskPrivateAsync(UserId, "Which number?");

        answer.Text.Should().Be(BotTexts.English.PersonaChosenToast(Persona.Assistant));
        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(BotTexts.English.PersonaChosen(Persona.Assistant, sessionEnded: false));
        bot.Gemini.Requests[^1].Contents.Should().HaveCount(3, "the conversation goes on");
    }

    [Fact]
    public async Task A_press_Telegram_no_longer_accepts_an_answer_for_is_logged_and_the_choice_still_counts()
    {
        const long UserId = 4004;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.AskPrivateAsync(UserId, "/mode");
        bot.Telegram.FailNext("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");

        var (update, _) = bot.Telegram.Updates.ButtonPress(UserId, UserId, menu.MessageId, ButtonData.For(Persona.Translator));
        await bot.WaitUntilHandledAsync(bot.Send(update));
        await bot.AskPrivateAsync(UserId, "Hallo");

        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(BotTexts.English.PersonaChosen(Persona.Translator, sessionEnded: false));
        bot.Gemini.Requests[^1].SystemInstruction.Should().Be(Application.Features.Ask.PersonaPrompts.Translator);
        bot.Logs.All.Should().Contain("could not be answered");
    }
}
