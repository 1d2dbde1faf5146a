namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>The bot keeps to its per-chat sending budget on its own, before Telegram has to answer 429.</summary>
public sealed class OutboundRateTests
{
    private const long UserId = 2301;
    private const int Burst = 2;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);

    // The replenishing timer and the loopback hop each shift a call by a few milliseconds.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(60);

    // System.Threading.RateLimiting's token bucket credits the time it sat full at its first refill after a quiet
    // spell, so a burst can be taken twice at the start; after that the rate holds.
    private const int EarlyRefill = Burst;

    [Fact]
    public async Task Messages_and_chat_actions_to_one_chat_never_outrun_its_budget()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?>
        {
            ["Telegram:ChatMessagesPerMinute"] = "300",
            ["Telegram:ChatBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var longAnswer = string.Join("\n\n", Enumerable.Range(1, 12).Select(n => $"Paragraph {n}: " + new string('x', 700)));
        bot.Gemini.EnqueueReply(longAnswer);
        bot.Gemini.EnqueueReply(longAnswer);

        bot.Send(bot.Telegram.Updates.PrivateText(UserId, "First long one, please."));
        var second = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "And a second."));
        await bot.WaitUntilHandledAsync(second);

        var calls = bot.Telegram.Calls
            .Where(call => call.Method is "sendMessage" or "sendChatAction" && call.StatusCode == 200)
            .Where(call => call.Body.GetProperty("chat_id").ToString() == UserId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(call => call.At)
            .Order()
            .ToList();
        calls.Count.Should().BeGreaterThan(Burst + 3, "two split answers are more than one burst");
        for (var first = 0; first < calls.Count; first++)
        {
            for (var last = first + 1; last < calls.Count; last++)
            {
                var refills = (int)((calls[last] - calls[first] + Slack) / Period);
                (last - first + 1).Should().BeLessThanOrEqualTo(
                    Burst + EarlyRefill + refills,
                    $"calls {first}..{last} span {(calls[last] - calls[first]).TotalMilliseconds:F0} ms");
            }
        }
    }
}
