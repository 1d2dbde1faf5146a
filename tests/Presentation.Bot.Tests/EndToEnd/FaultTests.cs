using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Faults of Gemini and of the Bot API, through the real host, that ResilienceTests and DeliveryTests do not already
/// show: every time the user ends up with the answer or the right sentence in their language, and nothing is lost.
/// </summary>
public sealed class FaultTests
{
    private const long UserId = 8001;

    [Theory]
    [InlineData(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")]
    [InlineData(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")]
    public async Task A_one_off_Gemini_server_error_is_retried_and_answered_once(int status, string canonical, string message)
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.EnqueueError(status, canonical, message);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Are you awake?"));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Are you awake?");
        bot.Gemini.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_Gemini_429_on_every_attempt_tells_a_Persian_user_when_to_try_again_in_Persian()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            bot.Gemini.EnqueueError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", retryDelay: "2s");
        }

        var reply = await bot.AskPrivateAsync(UserId, "سلام، وقت داری؟", languageCode: "fa");

        reply.Text.Should().Be(BotTexts.Persian.ModelBusy(TimeSpan.FromSeconds(2)));
        bot.Gemini.Requests.Should().HaveCount(3, "one attempt and the two configured retries, each after the server's retryDelay");
    }

    [Fact]
    public async Task A_Gemini_answer_slower_than_the_request_timeout_is_given_up_and_the_next_question_is_answered()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?>
        {
            ["Gemini:RequestTimeout"] = "00:00:02",
            ["Gemini:MaxRetryAttempts"] = "1",
        });
        bot.Gemini.Delay = TimeSpan.FromMinutes(5);

        var timedOut = await bot.AskPrivateAsync(UserId, "یک سؤال سخت", languageCode: "fa");
        bot.Gemini.Delay = TimeSpan.Zero;
        var answer = await bot.AskPrivateAsync(UserId, "یک سؤال ساده", languageCode: "fa");

        timedOut.Text.Should().Be(BotTexts.Persian.ModelUnavailable);
        answer.Text.Should().Be("Echo: یک سؤال ساده");
        bot.Gemini.Requests.Should().HaveCount(3, "two timed-out attempts, then the next question");
        bot.Gemini.Requests[^1].Contents.Select(turn => turn.Text).Should().Equal("یک سؤال سخت", "یک سؤال ساده");
        bot.Telegram.MessagesTo(UserId).Should().HaveCount(2, "an abandoned attempt never turns into a late reply");
    }

    [Fact]
    public async Task A_Gemini_connection_reset_is_retried_and_the_answer_arrives_once()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.ResetNext();

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Did you hear me?"));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Did you hear me?");
        bot.Gemini.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Gemini_connection_resets_on_every_attempt_end_in_the_unavailable_sentence_in_Persian()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.ResetNext(3);

        var reply = await bot.AskPrivateAsync(UserId, "صدایم را می‌شنوی؟", languageCode: "fa");

        reply.Text.Should().Be(BotTexts.Persian.ModelUnavailable);
        bot.Gemini.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_Telegram_429_longer_than_a_minute_is_waited_out_in_full_and_the_answer_delivered()
    {
        var clock = new WatchedClock();
        await using var bot = await BotUnderTest.CreateAsync();
        await bot.StartAsync(replaceServices: services => services.AddSingleton<TimeProvider>(clock));
        bot.Telegram.FailNext("sendMessage", 429, "Too Many Requests: retry after 90", retryAfter: 90);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Worth the wait?"));
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(90));
        bot.Telegram.EndRetryWindows();
        clock.Advance(TimeSpan.FromSeconds(90));
        await bot.WaitUntilHandledAsync(updateId);

        // Had the bot sent anything before the 90 s were up, the fake would have refused it and recorded a violation.
        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Worth the wait?");
        bot.Telegram.CallsTo("sendMessage").Select(call => call.StatusCode).Should().Equal(429, 200);
        bot.Telegram.RateLimitViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task A_429_on_getUpdates_is_waited_out_and_the_update_is_answered()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        // Two seconds, not one: the wait after any other failure starts at one second.
        bot.Telegram.FailNext("getUpdates", 429, "Too Many Requests: retry after 2", retryAfter: 2);
        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Polling slowly?"));
        await bot.StartAsync();

        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Polling slowly?");
        bot.Telegram.CallsTo("getUpdates")[0].StatusCode.Should().Be(429);
        bot.Logs.Lines.Should().Contain(line => line.Contains("getUpdates failed (Bot API error 429", StringComparison.Ordinal)
            && line.EndsWith("retrying in 2 s", StringComparison.Ordinal), "the poller waits as long as Telegram asked");
    }

    [Fact]
    public async Task A_getUpdates_answer_lost_to_a_connection_reset_is_fetched_again_and_answered_once()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Did the network eat this?"));
        bot.Telegram.ResetNext("getUpdates", ConnectionReset.AfterHandling);
        await bot.StartAsync();

        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Did the network eat this?");
        bot.Telegram.CallsTo("getUpdates")[0].StatusCode.Should().Be(FakeTelegramServer.NoAnswerStatus, "the batch was handed out and lost");
    }

    [Fact]
    public async Task A_send_whose_connection_is_reset_before_Telegram_took_it_is_retried_and_delivered_once()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.ResetNext("sendMessage", ConnectionReset.BeforeHandling);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Once, please."));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Once, please.");
        bot.Telegram.CallsTo("sendMessage").Select(call => call.StatusCode).Should().Equal(FakeTelegramServer.NoAnswerStatus, 200);
    }

    [Fact]
    public async Task A_send_whose_answer_is_lost_after_Telegram_delivered_it_arrives_twice_rather_than_never()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.ResetNext("sendMessage", ConnectionReset.AfterHandling);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "At least once."));
        await bot.WaitUntilHandledAsync(updateId);

        // The bot cannot tell this from a reset before delivery: sending again is the at-least-once side of the trade.
        bot.Telegram.MessagesTo(UserId).Select(message => message.Text).Should().Equal("Echo: At least once.", "Echo: At least once.");
    }

    [Fact]
    public async Task A_Bot_API_outage_longer_than_the_send_retries_ends_in_an_apology_in_Persian_and_the_next_message_is_answered()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            bot.Telegram.FailNext("sendMessage", 502, "Bad Gateway");
        }

        var apology = await bot.AskPrivateAsync(UserId, "پیام اول", languageCode: "fa");
        var answer = await bot.AskPrivateAsync(UserId, "پیام دوم", languageCode: "fa");

        apology.Text.Should().Be(BotTexts.Persian.UnexpectedError);
        answer.Text.Should().Be("Echo: پیام دوم");
        bot.Telegram.CallsTo("sendMessage").Select(call => call.StatusCode).Should().Equal(502, 502, 502, 502, 200, 200);
    }
}
