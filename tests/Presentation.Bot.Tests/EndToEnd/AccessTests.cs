using CleanBot.Presentation.Bot.Texts;
using Microsoft.Data.Sqlite;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Who may use the bot and how much: the allow-list, the rate limit, the daily token quota, the input limit,
/// and a user who blocked the bot.</summary>
public sealed class AccessTests
{
    private const long Listed = 7001;
    private const long Stranger = 7002;
    private const long Admin = 7003;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stranger_gets_one_polite_refusal_in_their_language_whatever_they_send_and_nothing_is_stored_or_asked()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?>
        {
            ["Access:AllowedUserIds"] = $"{Listed}, 123",
            ["Access:AdminUserIds:0"] = $"{Admin}",
        });

        var updates = new[]
        {
            bot.Send(bot.Telegram.Updates.PrivateText(Stranger, "/start", languageCode: "fa")),
            bot.Send(bot.Telegram.Updates.PrivateText(Stranger, "سلام؟", languageCode: "fa")),
            bot.Send(bot.Telegram.Updates.PrivateText(Stranger, "/help", languageCode: "fa")),
            bot.Send(bot.Telegram.Updates.Sticker(Stranger, Stranger)),
            bot.Send(bot.Telegram.Updates.PrivateText(Stranger, "کسی هست؟", languageCode: "fa")),
        };
        foreach (var updateId in updates)
        {
            await bot.WaitUntilHandledAsync(updateId);
        }

        bot.Telegram.MessagesTo(Stranger).Should().ContainSingle().Which.Text.Should().Be(BotTexts.Persian.AccessDenied);
        bot.Gemini.Requests.Should().BeEmpty();
        (await UserRowAsync(bot, Stranger)).Should().BeNull("nothing about a refused person is stored, /start included");

        (await bot.AskPrivateAsync(Listed, "Am I in?")).Text.Should().Be("Echo: Am I in?");
        (await bot.AskPrivateAsync(Admin, "And me?")).Text.Should().Be("Echo: And me?", "admins need no place on the allow-list");
    }

    [Fact]
    public async Task Past_the_rate_limit_the_user_is_told_in_their_language_when_to_write_again_and_then_ignored()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:MessagesPerMinute"] = "2" });
        await WaitUntilWellInsideAMinuteAsync();

        var updates = Enumerable.Range(1, 4)
            .Select(index => bot.Send(bot.Telegram.Updates.PrivateText(Listed, $"پرسش {index}", languageCode: "fa")))
            .ToList();
        foreach (var updateId in updates)
        {
            await bot.WaitUntilHandledAsync(updateId);
        }

        var replies = bot.Telegram.MessagesTo(Listed).Select(message => message.Text).ToList();
        replies.Should().HaveCount(3, "the fourth question of the minute is ignored in silence");
        replies.Take(2).Should().Equal("Echo: پرسش 1", "Echo: پرسش 2");
        Enumerable.Range(1, 60).Select(seconds => BotTexts.Persian.TooManyMessages(TimeSpan.FromSeconds(seconds)))
            .Should().Contain(replies[2], "the refusal says in Persian how many seconds are left in the minute");
        bot.Gemini.Requests.Should().HaveCount(2);

        (await bot.AskPrivateAsync(Listed, "/help", languageCode: "fa")).Text.Should().Contain("/new", "commands do not count");
    }

    [Fact]
    public async Task Once_the_daily_quota_is_used_the_model_is_not_called_even_after_a_restart_emptied_the_cache()
    {
        var settings = new Dictionary<string, string?> { ["Access:DailyTokenQuota"] = "1" };
        await using var bot = await BotUnderTest.StartNewAsync(settings);

        var answered = await bot.AskPrivateAsync(Listed, "What is a token?");
        var refused = await bot.AskPrivateAsync(Listed, "And another question?");
        await bot.RestartAsync(settings);
        var refusedAfterRestart = await bot.AskPrivateAsync(Listed, "Still nothing?");

        answered.Text.Should().Be("Echo: What is a token?");
        refused.Text.Should().Be(BotTexts.English.DailyTokenQuotaUsed).And.Contain("00:00 UTC");
        refusedAfterRestart.Text.Should().Be(BotTexts.English.DailyTokenQuotaUsed, "the day's count was rebuilt from the stored answers");
        bot.Gemini.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_message_over_the_input_limit_is_refused_and_never_reaches_the_model()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Bot:MaxInputCharacters"] = "50" });

        var reply = await bot.AskPrivateAsync(Listed, new string('x', 51), languageCode: "fa");

        reply.Text.Should().Be(BotTexts.Persian.TextTooLong(50));
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_marked_nothing_more_is_sent_for_that_update_and_writing_again_unmarks_them()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(Listed, "Hello!");
        bot.Telegram.BlockBot(Listed);
        bot.Gemini.EnqueueReply(string.Join("\n\n", Enumerable.Repeat(new string('a', 3000), 3)));

        var blockedUpdate = bot.Send(bot.Telegram.Updates.PrivateText(Listed, "Tell me a long story."));
        await bot.WaitUntilHandledAsync(blockedUpdate);

        var refusedSends = bot.Telegram.CallsTo("sendMessage").Where(call => call.StatusCode == 403).ToList();
        refusedSends.Should().ContainSingle("neither the rest of the answer, a retry nor an apology is attempted");
        bot.Telegram.MessagesTo(Listed).Should().ContainSingle("only the answer from before the block arrived");
        var marked = await UserRowAsync(bot, Listed);
        marked.Should().NotBeNull();
        marked!.BlockedBotAt.Should().NotBeNull();

        bot.Telegram.UnblockBot(Listed);
        var reply = await bot.AskPrivateAsync(Listed, "I'm back.");

        reply.Text.Should().Be("Echo: I'm back.");
        (await UserRowAsync(bot, Listed))!.BlockedBotAt.Should().BeNull();
    }

    /// <summary>
    /// The rate limit counts per clock minute; questions sent just before a minute ends would be split over two
    /// windows. Waiting out the last seconds of a minute keeps the test's four questions inside one.
    /// </summary>
    private static async Task WaitUntilWellInsideAMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond), Ct);
        }
    }

    /// <summary>The user's stored row, read straight from the bot's SQLite file; null when there is none.</summary>
    private static async Task<UserRow?> UserRowAsync(BotUnderTest bot, long userId)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT BlockedBotAt FROM Users WHERE Id = $id";
        command.Parameters.AddWithValue("$id", userId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? new UserRow(reader.IsDBNull(0) ? null : reader.GetString(0)) : null;
    }

    private sealed record UserRow(string? BlockedBotAt);
}
