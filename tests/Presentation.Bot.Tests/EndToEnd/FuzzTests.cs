using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Thousands of mutated updates (see <see cref="UpdateFuzzer"/>) through the real pipeline: the fake's getUpdates, the
/// inbox, the handler. Nothing may crash or be logged as an error, every update with a readable update_id is stored
/// once and handled, and every text message the mutations left valid is answered. The seed is written to the test
/// output; <c>CLEANBOT_TEST_SEED</c> replays it.
/// </summary>
public sealed class FuzzTests
{
    private const int Updates = 3_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thousands_of_mutated_updates_crash_nothing_and_every_valid_text_message_is_answered()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CLEANBOT_TEST_SEED"), CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var started = Stopwatch.GetTimestamp();
        await using var bot = await BotUnderTest.CreateAsync();
        var fuzzer = new UpdateFuzzer(bot.Telegram, new Random(seed));
        var cases = new List<FuzzCase>(Updates);
        for (var index = 0; index < Updates; index++)
        {
            // Queued one by one: a redelivery or a reused update_id copies one queued before it.
            cases.Add(fuzzer.Next(index));
            bot.Telegram.EnqueueRawUpdate(cases[^1].Render);
        }

        // A well-formed last update confirms any unreadable ones before it, and shows the bot still answers.
        const long LastUserId = UpdateFuzzer.FirstUserId + UpdateFuzzer.Users;
        var lastId = bot.Send(bot.Telegram.Updates.PrivateText(LastUserId, "Still there after all that?"));

        // EF Core's SQL at Trace would be most of the log; the bot's own lines stay at every level.
        await bot.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning" });
        await bot.Telegram.WaitForConfirmationAsync(lastId, TimeSpan.FromSeconds(120));
        await SqliteInbox.WaitUntilDrainedAsync(bot.DatabasePath, TimeSpan.FromSeconds(120));
        await bot.StopAsync();

        var expected = cases.Where(fuzzCase => fuzzCase.Expected is not null).ToList();
        var unanswered = expected.Where(fuzzCase => !IsAnswered(bot, fuzzCase.Expected!)).ToList();
        var readableIds = fuzzer.Rendered.Select(ReadableUpdateId).OfType<int>().ToHashSet();
        output.WriteLine($"{cases.Count} fuzzed updates ({string.Join(", ", cases.GroupBy(c => c.Shape).Select(g => $"{g.Key} {g.Count()}"))}); "
            + $"mutations: {string.Join(", ", cases.SelectMany(c => c.Mutations).GroupBy(m => m).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"{readableIds.Count} with a readable update_id, {expected.Count} valid text messages that must be answered, "
            + $"{bot.Telegram.SentMessages.Count} replies, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        bot.Telegram.MessagesTo(LastUserId).Should().ContainSingle().Which.Text.Should().Be("Echo: Still there after all that?");
        // Strict: nothing critical anywhere, and no error from the bot or its host (an update failed, a drain or the
        // poller given up). EF Core's own error line for a statement the bot then recovers from (two chats of a new
        // user registering them at once) is not the bot's failure.
        bot.Logs.Lines.Where(line => line.StartsWith("Critical", StringComparison.Ordinal)
                || line.StartsWith("Error CleanBot.", StringComparison.Ordinal)
                || line.StartsWith("Error Microsoft.Extensions.Hosting", StringComparison.Ordinal))
            .Should().BeEmpty("a malformed update is skipped with a warning, never an error");
        unanswered.Select(fuzzCase => $"{fuzzCase.Shape} [{string.Join(", ", fuzzCase.Mutations)}] {fuzzCase.Expected}")
            .Should().BeEmpty();
        (await SqliteInbox.StoredAsync(bot.DatabasePath)).Should().Be(readableIds.Count + 1, "each readable update_id is stored once (and the last question)");
    }

    private static bool IsAnswered(BotUnderTest bot, FuzzExpectation expectation) => expectation switch
    {
        FuzzExpectation.Echo echo => bot.Telegram.MessagesTo(echo.ChatId).Any(message =>
            message.Text.StartsWith("Echo: ", StringComparison.Ordinal) && message.Text.Contains(echo.Token, StringComparison.Ordinal)),
        FuzzExpectation.ReplyTo reply => bot.Telegram.MessagesTo(reply.ChatId).Any(message => message.ReplyToMessageId == reply.MessageId),
        _ => throw new ArgumentOutOfRangeException(nameof(expectation), expectation, null),
    };

    /// <summary>What the bot's poller reads as the update_id: an object's int32 "update_id", or nothing.</summary>
    private static int? ReadableUpdateId(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("update_id", out var id)
            && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value)
            ? value
            : null;
    }
}
