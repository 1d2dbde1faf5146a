using System.Globalization;
using CleanBot.Presentation.Bot.Tests.Fakes;
using Microsoft.Data.Sqlite;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot process is killed with SIGKILL, several times, while a burst flows, and started again each time. No
/// update may be lost; an update may be answered twice only if its reply was out but not yet marked handled when the
/// process died. The kill moments come from a seeded Random: the seed is written to the test output, and
/// <c>CLEANBOT_TEST_SEED</c> replays it.
/// </summary>
public sealed class CrashTests
{
    private const int Users = 30;
    private const int QuestionsPerUser = 10;
    private const int Kills = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_bot_mid_burst_loses_no_update_and_answers_twice_only_what_was_in_flight()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CLEANBOT_TEST_SEED"), CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var folder = Directory.CreateTempSubdirectory("cleanbot-crash-").FullName;
        try
        {
            await using var telegram = await FakeTelegramServer.StartAsync(BotUnderTest.BotToken, cancellationToken: Ct);
            await using var gemini = await FakeGeminiServer.StartAsync(BotUnderTest.GeminiApiKey, Ct);
            gemini.Delay = TimeSpan.FromMilliseconds(30);
            var burst = new Burst("crash", firstUserId: 9_400_001, Users, QuestionsPerUser);
            burst.Send(telegram, 0, burst.Count);

            // A kill whenever the replies so far reach one of these counts, spread over the burst.
            var killAt = Enumerable.Range(0, Kills).Select(_ => random.Next(burst.Count / 10, burst.Count * 9 / 10)).Order().ToList();
            var bot = BotChildProcess.Start(telegram, gemini, folder);
            try
            {
                foreach (var replies in killAt)
                {
                    await telegram.WaitForAsync(() => telegram.SentMessages.Count >= replies, TimeSpan.FromSeconds(120));
                    await bot.KillAsync();
                    output.WriteLine($"killed at {telegram.SentMessages.Count} replies (aimed at {replies})");
                    WriteLines(bot);
                    await bot.DisposeAsync();
                    bot = BotChildProcess.Start(telegram, gemini, folder);
                }

                await burst.WaitUntilAllAnsweredAsync(telegram, TimeSpan.FromSeconds(120));
                await SqliteInbox.WaitUntilDrainedAsync(DatabasePath(folder), TimeSpan.FromSeconds(60));
                await bot.StopAsync();
                WriteLines(bot);
            }
            finally
            {
                await bot.DisposeAsync();
            }

            var duplicates = burst.Duplicates(telegram);
            output.WriteLine($"{burst.Count} updates from {Users} users, {Kills} kills: {burst.Unanswered(telegram)} unanswered, "
                + $"{duplicates} answered twice (at most {burst.MostDuplicatesInOneChat(telegram)} in one chat), "
                + $"{gemini.Requests.Count - burst.Count} Gemini calls repeated");
            burst.Unanswered(telegram).Should().Be(0, "no update may be lost");
            // A chat is drained one update at a time, so at a kill it has at most one reply out and not yet marked.
            burst.MostDuplicatesInOneChat(telegram).Should().BeLessThanOrEqualTo(Kills, "each kill can repeat at most one reply per chat");
            duplicates.Should().BeLessThanOrEqualTo(Kills * Users);
            (await SqliteInbox.StoredAsync(DatabasePath(folder))).Should().Be(burst.Count, "each update is stored once");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteLines(BotChildProcess bot)
    {
        foreach (var line in bot.Lines)
        {
            TestContext.Current.TestOutputHelper!.WriteLine("  bot: " + line);
        }
    }

    private static string DatabasePath(string folder) => Path.Combine(folder, BotChildProcess.DatabaseFile);
}
