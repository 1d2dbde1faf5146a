using System.Globalization;
using System.Text.Json.Nodes;
using CleanBot.Application.Features.NotText;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>The bot keeps going when Gemini pushes back, when input is odd or malformed, and never logs its secrets.</summary>
public sealed class ResilienceTests
{
    private const long UserId = 3001;

    [Fact]
    public async Task A_Gemini_429_with_a_short_retry_delay_is_retried_and_the_user_gets_the_answer()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.EnqueueError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", retryDelay: "0.1s");

        var reply = await bot.AskPrivateAsync(UserId, "Quick question.");

        reply.Text.Should().Be("Echo: Quick question.");
        bot.Gemini.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task When_Gemini_is_down_the_user_hears_so_in_Persian_and_the_next_question_after_recovery_keeps_the_first()
    {
        const string FirstQuestion = "هوا امروز چطور است؟";
        const string SecondQuestion = "و فردا؟";
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.SetDown(true);

        var unavailable = await bot.AskPrivateAsync(UserId, FirstQuestion, languageCode: "fa");
        bot.Gemini.SetDown(false);
        var answer = await bot.AskPrivateAsync(UserId, SecondQuestion, languageCode: "fa");

        unavailable.Text.Should().Be(BotTexts.Persian.ModelUnavailable);
        answer.Text.Should().Be($"Echo: {SecondQuestion}");
        var requests = bot.Gemini.Requests;
        requests.Should().HaveCount(4, "one attempt and the two configured retries while down, then one after recovery");
        requests[^1].Contents.Should().Equal(new GeminiTurn("user", FirstQuestion), new GeminiTurn("user", SecondQuestion));
    }

    [Fact]
    public async Task A_sticker_in_a_private_chat_gets_a_polite_not_supported_note_in_the_users_language()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var persianSticker = JsonNode.Parse(bot.Telegram.Updates.Sticker(3002, 3002))!;
        persianSticker["message"]!["from"]!["language_code"] = "fa";

        var english = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Sticker(UserId, UserId));
        var persian = await bot.SendAndWaitForReplyAsync(3002, persianSticker.ToJsonString());

        english.Text.Should().Be(BotTexts.English.NotSupported(NotTextKind.Sticker));
        persian.Text.Should().Be(BotTexts.Persian.NotSupported(NotTextKind.Sticker));
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_update_kind_is_skipped_with_a_log_line_and_the_bot_answers_the_next_message()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var unknownId = bot.Send(bot.Telegram.Updates.UnknownKind(UserId, UserId));
        await bot.WaitUntilHandledAsync(unknownId);
        var reply = await bot.AskPrivateAsync(UserId, "Still there?");

        bot.Logs.Lines.Should().Contain(line => line.Contains("skipped", StringComparison.OrdinalIgnoreCase)
            && line.Contains(unknownId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        reply.Text.Should().Be("Echo: Still there?");
        bot.Telegram.MessagesTo(UserId).Should().ContainSingle("the unknown update itself gets no reply");
    }

    [Fact]
    public async Task A_malformed_update_is_skipped_with_a_log_line_and_both_it_and_the_next_one_are_confirmed()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var malformedId = bot.Telegram.EnqueueRawUpdate(id => $$$"""{"update_id":{{{id}}},"message":{"message_id":"oops"}}""");
        await bot.WaitUntilHandledAsync(malformedId);
        var nextId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Hello after the bad one"));
        var reply = (await bot.Telegram.WaitForMessagesAsync(UserId, 1))[0];
        await bot.WaitUntilHandledAsync(nextId);

        reply.Text.Should().Be("Echo: Hello after the bad one");
        bot.Logs.Lines.Should().Contain(line => line.Contains("malformed", StringComparison.OrdinalIgnoreCase)
            && line.Contains(malformedId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_20000_character_message_is_refused_politely_without_asking_the_model()
    {
        var text = string.Concat(Enumerable.Repeat("This is a very long message. ", 700))[..20_000];
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(UserId, text);

        reply.Text.Should().Be(BotTexts.English.TextTooLong(4096));
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Neither_the_bot_token_nor_the_Gemini_key_appears_in_any_log_line_after_errors_on_both_sides()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        bot.Telegram.FailNext("getUpdates", 502, "Bad Gateway");
        await bot.StartAsync();

        // Gemini: down (503 with retries), a long 429 reported at once, a 500 that a retry recovers from.
        bot.Gemini.SetDown(true);
        var unavailable = await bot.AskPrivateAsync(UserId, "First try");
        bot.Gemini.SetDown(false);
        bot.Gemini.EnqueueError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for metric generate_content_requests per minute.", retryDelay: "30s");
        var busy = await bot.AskPrivateAsync(UserId, "Second try");
        bot.Gemini.EnqueueError(500, "INTERNAL", "An internal error has occurred.");
        var recovered = await bot.AskPrivateAsync(UserId, "Third try");

        // Telegram: a failed typing action, a refused message (logged with its exception), a 429.
        bot.Telegram.FailNext("sendChatAction", 500, "Internal Server Error");
        bot.Telegram.FailNext("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat");
        var apology = await bot.AskPrivateAsync(UserId, "Fourth try");
        bot.Telegram.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        var late = await bot.AskPrivateAsync(UserId, "Fifth try");
        await bot.StopAsync();

        unavailable.Text.Should().Be(BotTexts.English.ModelUnavailable);
        busy.Text.Should().Be(BotTexts.English.ModelBusy(TimeSpan.FromSeconds(30)));
        recovered.Text.Should().Be("Echo: Third try");
        apology.Text.Should().Be(BotTexts.English.UnexpectedError);
        late.Text.Should().Be("Echo: Fifth try");

        var lines = bot.Logs.Lines;
        lines.Should().Contain(line => line.Contains("getUpdates failed", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("HTTP 503", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("HTTP 429", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("not enough rights", StringComparison.Ordinal) && line.Contains("   at ", StringComparison.Ordinal),
                "the refused message is logged with its exception and stack trace")
            .And.Contain(line => line.StartsWith("Debug", StringComparison.Ordinal), "the levels below Information are captured too");
        string[] secrets = [BotUnderTest.BotToken, BotUnderTest.BotTokenSecret, BotUnderTest.GeminiApiKey];
        lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).Should().BeEmpty();
    }
}
