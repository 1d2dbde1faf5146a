using CleanBot.Presentation.Bot.Tests.Fakes;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>One batch, several chats: different chats are served side by side, one chat strictly in order.</summary>
public sealed class ConcurrencyTests
{
    private const long ChatA = 5001;
    private static readonly long[] OtherChats = [5002, 5003, 5004];

    [Fact]
    public async Task Chats_of_one_batch_run_in_parallel_while_each_chat_keeps_its_order()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        bot.Gemini.Delay = TimeSpan.FromMilliseconds(300);

        // Queued before the bot starts, so its first getUpdates takes them all as one batch; A's three come first,
        // so handling the batch one update after another would answer B, C and D last.
        foreach (var question in new[] { "a1", "a2", "a3" })
        {
            bot.Send(bot.Telegram.Updates.PrivateText(ChatA, question));
        }

        foreach (var chat in OtherChats)
        {
            bot.Send(bot.Telegram.Updates.PrivateText(chat, $"question from {chat}"));
        }

        await bot.StartAsync();
        var answersToA = await bot.Telegram.WaitForMessagesAsync(ChatA, 3);
        var answersToOthers = new List<SentMessage>();
        foreach (var chat in OtherChats)
        {
            answersToOthers.AddRange(await bot.Telegram.WaitForMessagesAsync(chat, 1));
        }

        answersToA.Select(message => message.Text).Should().Equal("Echo: a1", "Echo: a2", "Echo: a3");
        answersToOthers.Select(message => message.Text).Should().Equal(OtherChats.Select(chat => $"Echo: question from {chat}"));
        answersToOthers.Should().AllSatisfy(message => message.Sequence.Should().BeLessThan(
            answersToA[2].Sequence, "other chats need not wait for chat A's queue"));
        bot.Gemini.Requests.Where(request => request.LastUserText == "a3").Should().ContainSingle()
            .Which.Contents.Select(turn => turn.Text).Should().Equal("a1", "Echo: a1", "a2", "Echo: a2", "a3");
    }
}
