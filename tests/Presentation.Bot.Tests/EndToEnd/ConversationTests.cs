using System.Text;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>What a person sees in a private chat: greetings, answers, memory and fresh starts.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task Start_greets_in_English_by_first_name_and_welcomes_back_the_second_time()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var first = await bot.AskPrivateAsync(1001, "/start", firstName: "Alice");
        var second = await bot.AskPrivateAsync(1001, "/start", firstName: "Alice");

        first.Text.Should().Be(BotTexts.English.Welcome("Alice", isNewUser: true));
        second.Text.Should().Be(BotTexts.English.Welcome("Alice", isNewUser: false));
        bot.Gemini.Requests.Should().BeEmpty("a greeting needs no model");
    }

    [Fact]
    public async Task Start_greets_a_Persian_speaker_in_Persian()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(1002, "/start", languageCode: "fa", firstName: "مریم");

        reply.Text.Should().Be(BotTexts.Persian.Welcome("مریم", isNewUser: true));
    }

    [Fact]
    public async Task A_question_is_answered_with_the_models_text_and_marked_handled_in_the_inbox()
    {
        const string Question = "What is the capital of France?";
        await using var bot = await BotUnderTest.StartNewAsync();

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(1003, Question));
        var reply = (await bot.Telegram.WaitForMessagesAsync(1003, 1))[0];
        await bot.WaitUntilHandledAsync(updateId);

        reply.Text.Should().Be($"Echo: {Question}");
        reply.ReplyToMessageId.Should().BeNull("a private chat needs no quote");
        var request = bot.Gemini.Requests.Should().ContainSingle().Subject;
        request.SystemInstruction.Should().NotBeNullOrWhiteSpace();
        request.Contents.Should().Equal(new GeminiTurn("user", Question));
        request.ApiKey.Should().Be(BotUnderTest.GeminiApiKey);
        bot.Telegram.IsConfirmed(updateId).Should().BeTrue();
    }

    [Fact]
    public async Task The_second_question_is_asked_with_the_first_exchange_as_history()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var firstAnswer = await bot.AskPrivateAsync(1004, "How tall is Mount Everest?");
        var secondAnswer = await bot.AskPrivateAsync(1004, "And K2?");

        firstAnswer.Text.Should().Be("Echo: How tall is Mount Everest?");
        secondAnswer.Text.Should().Be("Echo: And K2?");
        var requests = bot.Gemini.Requests;
        requests.Should().HaveCount(2);
        requests[1].Contents.Should().Equal(
            new GeminiTurn("user", "How tall is Mount Everest?"),
            new GeminiTurn("model", "Echo: How tall is Mount Everest?"),
            new GeminiTurn("user", "And K2?"));
    }

    [Theory]
    [InlineData("/reset")]
    [InlineData("/new")]
    public async Task Reset_and_new_confirm_and_the_next_question_starts_without_history(string command)
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(1005, "Remember the number 42.");

        var confirmation = await bot.AskPrivateAsync(1005, command);
        var afterReset = await bot.AskPrivateAsync(1005, "Which number did I mention?");
        var againAtOnce = await bot.AskPrivateAsync(1005, command);

        confirmation.Text.Should().Be(BotTexts.English.SessionReset(hadSession: true));
        afterReset.Text.Should().Be("Echo: Which number did I mention?");
        bot.Gemini.Requests[^1].Contents.Should().Equal(new GeminiTurn("user", "Which number did I mention?"));
        againAtOnce.Text.Should().Be(BotTexts.English.SessionReset(hadSession: true), "the question after the reset opened a session");
    }

    [Fact]
    public async Task Reset_without_a_conversation_says_it_is_already_a_fresh_start_in_Persian()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(1006, "/new", languageCode: "fa");

        reply.Text.Should().Be(BotTexts.Persian.SessionReset(hadSession: false));
    }

    [Fact]
    public async Task Persian_and_emoji_reach_the_model_and_come_back_unchanged()
    {
        const string Text = "سلام! 👋🏽 چطوری؟ 🇮🇷";
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(1007, Text, languageCode: "fa");

        var request = bot.Gemini.Requests.Should().ContainSingle().Subject;
        request.LastUserText.Should().Be(Text);
        Encoding.UTF8.GetBytes(request.LastUserText!).Should().Equal(Encoding.UTF8.GetBytes(Text));
        reply.Text.Should().Be($"Echo: {Text}");
    }
}
