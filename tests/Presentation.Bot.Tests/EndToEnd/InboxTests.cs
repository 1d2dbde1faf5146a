using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Updates are stored before Telegram is told they arrived, and handled from the store: a restart loses
/// none, a redelivery is not answered twice.</summary>
public sealed class InboxTests
{
    private const long UserId = 5001;

    [Fact]
    public async Task An_update_confirmed_but_interrupted_by_a_shutdown_is_answered_after_the_restart()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.Delay = TimeSpan.FromSeconds(30);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Are you still there after a restart?"));
        await bot.Telegram.WaitForConfirmationAsync(updateId);
        await bot.Gemini.WaitForRequestsAsync(1);
        await bot.RestartAsync();
        bot.Gemini.Delay = TimeSpan.Zero;

        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 1);
        await bot.WaitUntilHandledAsync(updateId);

        replies.Should().ContainSingle().Which.Text.Should().Be("Echo: Are you still there after a restart?");
        bot.Telegram.PendingUpdateCount.Should().Be(0, "Telegram did not hand the update out again: it came from the inbox");
        (await bot.InboxStateAsync(updateId)).Should().Be(InboxState.Handled);
    }

    [Fact]
    public async Task An_update_delivered_again_is_not_answered_again()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var json = bot.Telegram.Updates.PrivateText(UserId, "Only once, please.");
        var updateId = bot.Send(json);
        await bot.WaitUntilHandledAsync(updateId);

        // Telegram redelivers the same update (same update_id), as it does when a confirmation was lost.
        var redelivered = JsonNode.Parse(json)!;
        redelivered["update_id"] = updateId;
        bot.Telegram.EnqueueRawUpdate(redelivered.ToJsonString());
        var next = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Second question"));
        await bot.WaitUntilHandledAsync(next);

        bot.Telegram.MessagesTo(UserId).Select(message => message.Text)
            .Should().Equal("Echo: Only once, please.", "Echo: Second question");
        bot.Gemini.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task While_the_database_is_unavailable_an_update_is_not_confirmed_and_is_answered_once_it_is_back()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        // A short command timeout, so the bot gives up waiting for the lock after seconds rather than half a minute.
        await bot.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = $"Data Source={bot.DatabasePath};Default Timeout=1" });
        await bot.AskPrivateAsync(UserId, "warm up");

        // Another process holds the database's write lock until the bot has failed to store an update.
        await using (var blocker = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync(TestContext.Current.CancellationToken);
            await using (var exclusive = blocker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Did you keep my message?"));
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (!bot.Logs.Lines.Any(line => line.Contains("Could not store received updates", StringComparison.Ordinal)))
                {
                    await Task.Delay(50, timeout.Token);
                }
            }

            bot.Telegram.IsConfirmed(updateId).Should().BeFalse("an update the bot could not store must be fetched again");

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var replies = await bot.Telegram.WaitForMessagesAsync(UserId, 2, TimeSpan.FromSeconds(20));
        replies[1].Text.Should().Be("Echo: Did you keep my message?");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        bot.Telegram.MessagesTo(UserId).Should().HaveCount(2, "the message is answered once");
    }
}
