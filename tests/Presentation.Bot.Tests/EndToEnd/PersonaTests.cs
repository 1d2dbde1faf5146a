using CleanBot.Application;
using CleanBot.Application.Features.Ask;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>/mode: the persona menu, a press on it, and what the model is told afterwards.</summary>
public sealed class PersonaTests
{
    [Fact]
    public async Task Mode_shows_the_current_persona_and_one_button_for_each_persona()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var menu = await bot.AskPrivateAsync(2001, "/mode");

        menu.Text.Should().Be(BotTexts.English.PersonaMenu(Persona.Assistant));
        foreach (var persona in PersonaTags.All)
        {
            menu.Text.Should().Contain($"{BotTexts.English.PersonaName(persona)} — {BotTexts.English.PersonaDescription(persona)}");
        }

        bot.ButtonsOf(menu).Should().Equal(PersonaTags.All.Select(persona => new InlineButton(
            (persona == Persona.Assistant ? "✅ " : string.Empty) + BotTexts.English.PersonaName(persona), ButtonData.For(persona))));
    }

    [Fact]
    public async Task Pressing_a_persona_answers_the_press_confirms_in_the_menu_and_changes_the_system_prompt_for_a_fresh_conversation()
    {
        const long UserId = 2002;
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(UserId, "Hello there");
        var menu = await bot.AskPrivateAsync(UserId, "/mode");

        var answer = await bot.PressAsync(menu, UserId, ButtonData.For(Persona.Translator));
        await bot.AskPrivateAsync(UserId, "Good morning");

        answer.Text.Should().Be(BotTexts.English.PersonaChosenToast(Persona.Translator));
        bot.Telegram.CurrentTextOf(menu.ChatId, menu.MessageId).Should().Be(BotTexts.English.PersonaChosen(Persona.Translator, sessionEnded: true));
        bot.Telegram.InlineKeyboardOf(menu.ChatId, menu.MessageId).Should().BeEmpty("the confirmation replaces the menu");
        var requests = bot.Gemini.Requests;
        requests.Should().HaveCount(2);
        requests[0].SystemInstruction.Should().Be(ConversationOptions.DefaultSystemPrompt);
        requests[1].SystemInstruction.Should().Be(PersonaPrompts.Translator);
        requests[1].Contents.Should().Equal([new GeminiTurn("user", "Good morning")], "the translator does not see the earlier chat");
    }

    [Fact]
    public async Task Mode_then_shows_the_new_persona_as_current_in_the_users_language()
    {
        const long UserId = 2003;
        await using var bot = await BotUnderTest.StartNewAsync();
        var first = await bot.AskPrivateAsync(UserId, "/mode", languageCode: "fa");

        var answer = await bot.PressAsync(first, UserId, ButtonData.For(Persona.CodeHelper), languageCode: "fa");
        var second = await bot.AskPrivateAsync(UserId, "/mode", languageCode: "fa");

        answer.Text.Should().Be(BotTexts.Persian.PersonaChosenToast(Persona.CodeHelper));
        bot.Telegram.CurrentTextOf(first.ChatId, first.MessageId).Should().Be(BotTexts.Persian.PersonaChosen(Persona.CodeHelper, sessionEnded: false));
        second.Text.Should().Be(BotTexts.Persian.PersonaMenu(Persona.CodeHelper));
        bot.ButtonsOf(second).Single(button => button.Text.StartsWith('✅'))
            .CallbackData.Should().Be(ButtonData.For(Persona.CodeHelper));
    }

    [Fact]
    public async Task The_persona_survives_a_restart_and_is_read_from_the_database()
    {
        const long UserId = 2004;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.AskPrivateAsync(UserId, "/mode");
        await bot.PressAsync(menu, UserId, ButtonData.For(Persona.Tutor));

        await bot.RestartAsync();
        await bot.AskPrivateAsync(UserId, "What is a prime number?");

        bot.Gemini.Requests.Should().ContainSingle().Which.SystemInstruction.Should().Be(PersonaPrompts.Tutor);
    }

    [Fact]
    public async Task In_a_group_each_member_has_their_own_persona()
    {
        const long GroupId = -1_001_234_500_001;
        const long Alice = 2005;
        const long Bob = 2006;
        await using var bot = await BotUnderTest.StartNewAsync();
        var menu = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "/mode@clean_test_bot"));

        await bot.PressAsync(menu, Alice, ButtonData.For(Persona.WritingEditor));
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "@clean_test_bot fix: i has a apple"));
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Bob, "@clean_test_bot hi"));

        var requests = bot.Gemini.Requests;
        requests.Select(request => request.SystemInstruction).Should().Equal(PersonaPrompts.WritingEditor, ConversationOptions.DefaultSystemPrompt);
    }
}
