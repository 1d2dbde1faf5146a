using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CleanBot.Presentation.Bot.Tests.Fakes;
using Microsoft.Data.Sqlite;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Webhook mode: the test posts updates to the bot as Telegram would (the fake records the setWebhook call but posts
/// nothing itself), on a loopback port the bot picks.
/// </summary>
public sealed class WebhookTests
{
    private const long UserId = 8001;
    private const string Secret = "e2e-Webhook_secret-42";
    private const string WebhookPath = "/telegram/updates";
    private const string WebhookUrl = "https://bot.example.test" + WebhookPath;

    private static readonly HttpClient Http = new();

    private long _lastUpdateId = 700_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_start_the_bot_sets_its_webhook_with_the_secret_the_kinds_it_handles_and_keeps_pending_updates()
    {
        await using var bot = await StartWebhookBotAsync();

        var setWebhook = bot.Telegram.CallsTo("setWebhook").Should().ContainSingle().Subject;
        setWebhook.StatusCode.Should().Be(200);
        setWebhook.Body.StringArg("url").Should().Be(WebhookUrl);
        setWebhook.Body.StringArg("secret_token").Should().Be(Secret);
        setWebhook.Body.StructuredArg("allowed_updates")!.Value.EnumerateArray().Select(kind => kind.GetString())
            .Should().Equal("message", "callback_query", "inline_query");
        setWebhook.Body.BoolArg("drop_pending_updates").Should().BeFalse("updates sent while the bot was away are kept (false is the default, so the client leaves it out)");
        bot.Telegram.CallsTo("getMe").Should().NotBeEmpty();
        bot.Telegram.CallsTo("deleteWebhook").Should().BeEmpty("deleting the webhook is for polling");
        bot.Telegram.CallsTo("getUpdates").Should().BeEmpty();
    }

    [Fact]
    public async Task An_update_posted_with_the_right_secret_gets_200_and_is_answered()
    {
        await using var bot = await StartWebhookBotAsync();
        var (updateId, json) = NewUpdate(bot, "Hello over the webhook");

        var status = await PostAsync(bot, json);
        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitForInboxStateAsync(updateId, InboxState.Handled);

        status.Should().Be(HttpStatusCode.OK);
        replies.Should().ContainSingle().Which.Text.Should().Be("Echo: Hello over the webhook");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("e2e-Webhook_secret-41")]
    [InlineData("e2e-Webhook_secret-42-and-more")]
    public async Task A_post_without_the_right_secret_gets_401_and_is_neither_stored_nor_answered(string? secret)
    {
        await using var bot = await StartWebhookBotAsync();
        var (refusedId, refused) = NewUpdate(bot, "Let me in");
        var (nextId, next) = NewUpdate(bot, "The real one");

        var status = await PostAsync(bot, refused, secret);
        (await PostAsync(bot, next)).Should().Be(HttpStatusCode.OK);
        await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitForInboxStateAsync(nextId, InboxState.Handled);

        status.Should().Be(HttpStatusCode.Unauthorized);
        (await bot.InboxStateAsync(refusedId)).Should().Be(InboxState.Absent);
        bot.Telegram.MessagesTo(UserId).Select(message => message.Text).Should().Equal("Echo: The real one");
        bot.Gemini.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task An_update_posted_twice_gets_200_both_times_and_is_answered_once()
    {
        await using var bot = await StartWebhookBotAsync();
        var (updateId, json) = NewUpdate(bot, "Only once, please.");
        var (nextId, next) = NewUpdate(bot, "Second question");

        var first = await PostAsync(bot, json);
        var again = await PostAsync(bot, json);
        (await PostAsync(bot, next)).Should().Be(HttpStatusCode.OK);
        await bot.Telegram.WaitForMessagesAsync(UserId, 2);
        await bot.WaitForInboxStateAsync(nextId, InboxState.Handled);

        first.Should().Be(HttpStatusCode.OK);
        again.Should().Be(HttpStatusCode.OK, "Telegram would post it again and again otherwise");
        (await bot.InboxStateAsync(updateId)).Should().Be(InboxState.Handled);
        bot.Telegram.MessagesTo(UserId).Select(message => message.Text)
            .Should().Equal("Echo: Only once, please.", "Echo: Second question");
        bot.Gemini.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("{\"update_id\":")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"message\":{\"message_id\":1}}")]
    [InlineData("{\"update_id\":\"seven\",\"message\":{}}")]
    public async Task A_body_that_is_no_readable_update_gets_200_is_not_stored_and_the_next_update_is_answered(string body)
    {
        await using var bot = await StartWebhookBotAsync();
        var (nextId, next) = NewUpdate(bot, "Hello after the garbage");

        var status = await PostAsync(bot, body);
        (await PostAsync(bot, next)).Should().Be(HttpStatusCode.OK);
        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitForInboxStateAsync(nextId, InboxState.Handled);

        status.Should().Be(HttpStatusCode.OK, "posting garbage again would not make it an update");
        replies.Should().ContainSingle().Which.Text.Should().Be("Echo: Hello after the garbage");
        (await bot.InboxCountAsync()).Should().Be(1, "only the good update was stored");
        bot.Logs.Lines.Should().Contain(line => line.Contains("Skipped a posted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_refused_with_413_and_not_stored()
    {
        await using var bot = await StartWebhookBotAsync();
        var (updateId, json) = NewUpdate(bot, "Big");
        var padded = JsonNode.Parse(json)!;
        padded["padding"] = new string('x', 1024 * 1024);

        var status = await PostAsync(bot, padded.ToJsonString());

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await bot.InboxStateAsync(updateId)).Should().Be(InboxState.Absent);
    }

    [Fact]
    public async Task When_the_database_cannot_store_a_posted_update_the_webhook_answers_500_and_the_update_posted_again_is_answered()
    {
        // A short command timeout, so storing gives up on the held lock after a second.
        await using var bot = await BotUnderTest.CreateAsync();
        var settings = WebhookSettings();
        settings["ConnectionStrings:Sqlite"] = $"Data Source={bot.DatabasePath};Default Timeout=1";
        await StartAsync(bot, settings);
        var (updateId, json) = NewUpdate(bot, "Did you keep my message?");

        HttpStatusCode whileAway;
        await using (var blocker = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync(Ct);
            await using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync(Ct);

            whileAway = await PostAsync(bot, json);

            exclusive.CommandText = "ROLLBACK";
            await exclusive.ExecuteNonQueryAsync(Ct);
        }

        (await bot.InboxStateAsync(updateId)).Should().Be(InboxState.Absent);
        var redelivered = await PostAsync(bot, json);
        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitForInboxStateAsync(updateId, InboxState.Handled);

        whileAway.Should().Be(HttpStatusCode.InternalServerError, "a 500 makes Telegram post the update again");
        redelivered.Should().Be(HttpStatusCode.OK);
        replies.Should().ContainSingle().Which.Text.Should().Be("Echo: Did you keep my message?");
    }

    [Fact]
    public async Task Stopping_while_an_answer_is_slow_completes_and_the_update_is_answered_after_the_restart()
    {
        await using var bot = await StartWebhookBotAsync();
        bot.Gemini.Delay = TimeSpan.FromMinutes(5);
        var (updateId, json) = NewUpdate(bot, "Are you still there after a restart?");
        (await PostAsync(bot, json)).Should().Be(HttpStatusCode.OK);
        await bot.Gemini.WaitForRequestsAsync(1);

        // Only a guard against a hang: stopping is bounded by the shutdown timeout, far below this.
        await bot.StopAsync().WaitAsync(TimeSpan.FromMinutes(2), Ct);
        var afterStop = await bot.InboxStateAsync(updateId);
        bot.Gemini.Delay = TimeSpan.Zero;
        await bot.RestartAsync(WebhookSettings());
        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitForInboxStateAsync(updateId, InboxState.Handled);

        afterStop.Should().Be(InboxState.Pending, "the interrupted update stays in the inbox");
        replies.Should().ContainSingle().Which.Text.Should().Be("Echo: Are you still there after a restart?");
    }

    [Fact]
    public async Task The_health_endpoint_answers_200_once_the_bot_is_connected()
    {
        await using var bot = await StartWebhookBotAsync();

        using var response = await Http.GetAsync(bot.ListeningAddresses.Single() + "/health", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_health_endpoint_answers_503_while_the_bot_cannot_reach_the_Bot_API()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        // Retried with backoff doubling from a second: ten failures keep getMe failing for minutes.
        for (var i = 0; i < 10; i++)
        {
            bot.Telegram.FailNext("getMe", 502, "Bad Gateway");
        }

        await StartAsync(bot, WebhookSettings(), waitForWebhook: false);
        await bot.Telegram.WaitForAsync(() => bot.Telegram.CallsTo("getMe").Count > 0);

        using var response = await Http.GetAsync(bot.ListeningAddresses.Single() + "/health", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_polling_bot_opens_no_port()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.Telegram.WaitForAsync(() => bot.Telegram.IsPolling);

        bot.ListeningAddresses.Should().BeEmpty();
        bot.Telegram.CallsTo("deleteWebhook").Should().ContainSingle();
    }

    [Fact]
    public async Task A_polling_bot_given_Urls_serves_the_health_endpoint_but_no_webhook()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        await bot.Telegram.WaitForAsync(() => bot.Telegram.IsPolling);
        var baseUrl = bot.ListeningAddresses.Single();

        using var health = await Http.GetAsync(baseUrl + "/health", Ct);
        using var webhook = await Http.PostAsync(baseUrl + WebhookPath, new StringContent("{}"), Ct);

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        webhook.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Dictionary<string, string?> WebhookSettings() => new()
    {
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = WebhookUrl,
        ["Telegram:WebhookSecret"] = Secret,
        // Any free loopback port: many bots run side by side in the tests.
        ["Urls"] = "http://127.0.0.1:0",
    };

    private static async Task<BotUnderTest> StartWebhookBotAsync()
    {
        var bot = await BotUnderTest.CreateAsync();
        try
        {
            await StartAsync(bot, WebhookSettings());
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the bot and, unless told otherwise, waits until it has set its webhook (so it is connected).</summary>
    private static async Task StartAsync(BotUnderTest bot, Dictionary<string, string?> settings, bool waitForWebhook = true)
    {
        await bot.StartAsync(settings);
        if (waitForWebhook)
        {
            await bot.Telegram.WaitForAsync(() => bot.Telegram.CallsTo("setWebhook").Any(call => call.StatusCode == 200));
        }
    }

    /// <summary>A private text update with its own update_id, its chat known to the fake (so the reply can go out).</summary>
    private (long UpdateId, string Json) NewUpdate(BotUnderTest bot, string text)
    {
        var update = JsonNode.Parse(bot.Telegram.Updates.PrivateText(UserId, text))!;
        var updateId = ++_lastUpdateId;
        update["update_id"] = updateId;
        var json = update.ToJsonString();
        bot.Telegram.RegisterChatsOf(json);
        return (updateId, json);
    }

    private static async Task<HttpStatusCode> PostAsync(BotUnderTest bot, string body, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.ListeningAddresses.Single() + WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await Http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
