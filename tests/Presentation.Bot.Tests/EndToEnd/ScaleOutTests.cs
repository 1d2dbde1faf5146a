using MySqlConnector;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Two bot instances on one MySQL database and one Redis, each fed by its own Bot API endpoint as a load balancer in
/// front of webhook instances would feed them. Runs when <c>CLEANBOT_TEST_MYSQL</c> and <c>CLEANBOT_TEST_REDIS</c> are
/// set (as in CI); reported skipped otherwise.
/// </summary>
public sealed class ScaleOutTests
{
    private const long ChatId = 6001;
    private const int MessageCount = 8;

    [Fact]
    public async Task One_chats_messages_spread_over_two_instances_are_each_answered_once_and_in_order()
    {
        var mysql = Environment.GetEnvironmentVariable("CLEANBOT_TEST_MYSQL");
        var redis = Environment.GetEnvironmentVariable("CLEANBOT_TEST_REDIS");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(mysql) || string.IsNullOrWhiteSpace(redis), "CLEANBOT_TEST_MYSQL and CLEANBOT_TEST_REDIS are not both set.");
        var database = $"cleanbot_scaleout_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = new MySqlConnectionStringBuilder(mysql) { Database = database }.ConnectionString,
            ["Cache:Provider"] = "Redis",
            ["Cache:KeyPrefix"] = $"{database}:",
            ["ConnectionStrings:Redis"] = redis,
        };

        try
        {
            // The first instance creates the schema; the second starts on it.
            await using var first = await BotUnderTest.StartNewAsync(settings);
            await using var second = await BotUnderTest.StartNewAsync(settings);
            foreach (var instance in new[] { first, second })
            {
                instance.Gemini.Delay = TimeSpan.FromMilliseconds(150);
            }

            // Telegram hands one chat's updates out in order: each goes to an instance once the previous one was
            // received (stored), not answered, so both instances hold work for the chat at the same time.
            for (var index = 1; index <= MessageCount; index++)
            {
                var (instance, other) = index % 2 == 1 ? (first, second) : (second, first);
                var update = instance.Telegram.Updates.PrivateText(ChatId, $"message {index}");

                // One Bot API behind both endpoints: one sequence of update ids, and either instance may answer.
                instance.Telegram.SkipUpdateIdsTo(700_000 + index);
                other.Telegram.RegisterChatsOf(update);
                var updateId = instance.Telegram.EnqueueUpdate(update);
                await instance.Telegram.WaitForConfirmationAsync(updateId);
            }

            await WaitForRepliesAsync(first, second, MessageCount);
            var replies = first.Telegram.MessagesTo(ChatId).Concat(second.Telegram.MessagesTo(ChatId))
                .OrderBy(message => message.At)
                .Select(message => message.Text)
                .ToList();

            replies.Should().Equal(Enumerable.Range(1, MessageCount).Select(index => $"Echo: message {index}"));
            var history = first.Gemini.Requests.Concat(second.Gemini.Requests).MaxBy(request => request.Contents.Count)!;
            history.Contents.Where(turn => turn.Role == "user").Select(turn => turn.Text)
                .Should().Equal(Enumerable.Range(1, MessageCount).Select(index => $"message {index}"), "each answer saw every earlier exchange");
        }
        finally
        {
            await using var connection = new MySqlConnection(mysql);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS `{database}`";
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task WaitForRepliesAsync(BotUnderTest first, BotUnderTest second, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (first.Telegram.MessagesTo(ChatId).Count + second.Telegram.MessagesTo(ChatId).Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        // A duplicate would arrive right after: give it the time to show before counting.
        await Task.Delay(300, TestContext.Current.CancellationToken);
    }
}
