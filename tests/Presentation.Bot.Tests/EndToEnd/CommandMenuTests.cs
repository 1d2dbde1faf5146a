using CleanBot.Application.Features.Help;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Telegram's command menu and /help: both made from one list.</summary>
public sealed class CommandMenuTests
{
    [Fact]
    public async Task At_start_the_bot_sets_its_command_menu_in_English_by_default_and_in_Persian_for_Persian_clients()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        await bot.Telegram.WaitForAsync(() => bot.Telegram.CommandMenus.Count == 2);

        var menus = bot.Telegram.CommandMenus;
        menus[string.Empty].Should().Equal(BotCommands.Menu.Select(command => (BotTexts.CommandName(command), BotTexts.English.CommandDescription(command))));
        menus["fa"].Should().Equal(BotCommands.Menu.Select(command => (BotTexts.CommandName(command), BotTexts.Persian.CommandDescription(command))));
        menus[string.Empty].Select(entry => entry.Command).Should().Contain(["start", "help", "new", "mode", "lang", "usage", "ask"])
            .And.NotContain("stats", "admin commands stay out of everyone's menu");
    }

    [Fact]
    public async Task Help_tells_how_to_ask_inline_only_when_inline_mode_is_on_and_how_to_ask_about_a_photo()
    {
        await using var inlineOff = await BotUnderTest.StartNewAsync();
        await using var inlineOn = await BotUnderTest.CreateAsync();
        inlineOn.Telegram.SupportsInlineQueries = true;
        await inlineOn.StartAsync();

        var withoutInline = await inlineOff.AskPrivateAsync(5005, "/help");
        var withInline = await inlineOn.AskPrivateAsync(5006, "/help", languageCode: "fa");

        withoutInline.Text.Should().Contain("Send a photo").And.NotContain("@clean_test_bot");
        withInline.Text.Should().Be(BotTexts.Persian.Help(BotCommands.Listed, 4096, "clean_test_bot"))
            .And.Contain("@clean_test_bot").And.Contain("عکسی بفرستید");
    }

    [Fact]
    public async Task A_command_menu_Telegram_refuses_at_first_is_set_on_a_later_attempt_and_the_bot_answers_meanwhile()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        bot.Telegram.FailNext("setMyCommands", 500, "Internal Server Error");
        await bot.StartAsync();

        var reply = await bot.AskPrivateAsync(5001, "hi");
        await bot.Telegram.WaitForAsync(() => bot.Telegram.CommandMenus.Count == 2);

        reply.Text.Should().Be("Echo: hi");
        bot.Logs.All.Should().Contain("Could not set the command menu");
    }

    [Fact]
    public async Task Help_lists_every_public_command_in_the_users_language_and_admins_also_see_theirs()
    {
        const long Admin = 5003;
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:AdminUserIds:0"] = $"{Admin}" });

        var english = await bot.AskPrivateAsync(5002, "/help");
        var persian = await bot.AskPrivateAsync(5004, "/help", languageCode: "fa");
        var admin = await bot.AskPrivateAsync(Admin, "/help");

        english.Text.Should().Be(BotTexts.English.Help(BotCommands.Listed, 4096));
        foreach (var command in BotCommands.Listed)
        {
            english.Text.Should().Contain($"/{BotTexts.CommandName(command)} — {BotTexts.English.CommandDescription(command)}");
            persian.Text.Should().Contain($"/{BotTexts.CommandName(command)} — {BotTexts.Persian.CommandDescription(command)}");
        }

        english.Text.Should().NotContain("/stats");
        admin.Text.Should().Contain($"/stats — {BotTexts.English.CommandDescription(BotCommand.Stats)}");
        BotCommands.Listed.Should().Contain(BotCommands.Menu, "the menu offers nothing /help does not explain");
    }

    [Fact]
    public async Task Polling_asks_Telegram_for_messages_button_presses_and_inline_queries()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        await bot.Telegram.WaitForAsync(() => bot.Telegram.CallsTo("getUpdates").Count > 0);

        bot.Telegram.CallsTo("getUpdates")[0].Body.StructuredArg("allowed_updates")!.Value.EnumerateArray()
            .Select(kind => kind.GetString()).Should().Equal("message", "callback_query", "inline_query");
    }
}
