using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>How answers reach the chat: split to fit, readable when Telegram rejects the markup, late rather than
/// never under a rate limit, and with "typing…" while the model works.</summary>
public sealed partial class DeliveryTests
{
    private const long UserId = 2001;

    [Fact]
    public async Task A_9000_character_answer_arrives_as_several_messages_that_fit_with_every_paragraph_in_order()
    {
        var paragraphs = Enumerable.Range(1, 10).Select(Paragraph).ToList();
        var answer = string.Join("\n\n", paragraphs);
        answer.Length.Should().BeInRange(8_900, 9_100);
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.EnqueueReply(answer);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Tell me a long story."));
        await bot.WaitUntilHandledAsync(updateId);

        var messages = bot.Telegram.MessagesTo(UserId);
        messages.Should().HaveCountGreaterThanOrEqualTo(3);
        messages.Should().AllSatisfy(message => message.Text.Length.Should().BeLessThanOrEqualTo(4096));
        var delivered = Collapse(string.Join(" ", messages.Select(message => message.Text)));
        var position = 0;
        foreach (var paragraph in paragraphs)
        {
            var found = delivered.IndexOf(Collapse(paragraph), position, StringComparison.Ordinal);
            found.Should().BeGreaterThanOrEqualTo(0, $"paragraph \"{paragraph[..12]}\" must arrive whole and after the previous one");
            position = found + 1;
        }
    }

    [Fact]
    public async Task An_answer_whose_HTML_Telegram_rejects_arrives_as_plain_text()
    {
        const string Marker = "ZQX-REJECTED-HTML";
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.RejectHtmlContaining(Marker);
        bot.Gemini.EnqueueReply($"Here is **bold** text and `code`, plus {Marker} at the end.");

        var reply = await bot.AskPrivateAsync(UserId, "Show me formatting.");

        reply.ParseMode.Should().BeNull("the resend must not ask Telegram to parse anything");
        reply.Text.Should().Contain("bold").And.Contain("code").And.Contain(Marker).And.NotContain("<b>");
        bot.Telegram.CallsTo("sendMessage").Should().Contain(call => call.StatusCode == 400, "the HTML attempt was refused first");
    }

    [Fact]
    public async Task An_answer_with_unbalanced_Markdown_still_arrives()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.EnqueueReply("**bold and `code");

        var reply = await bot.AskPrivateAsync(UserId, "Break your Markdown.");

        reply.Text.Should().Contain("bold and").And.Contain("code");
    }

    [Fact]
    public async Task A_Telegram_429_is_waited_out_and_the_answer_delivered_afterwards()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        var reply = await bot.AskPrivateAsync(UserId, "Are you there?");

        reply.Text.Should().Be("Echo: Are you there?");
        var refused = bot.Telegram.CallsTo("sendMessage").Should().ContainSingle(call => call.StatusCode == 429).Subject;
        (reply.At - refused.At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "Telegram asked for one second");
        bot.Telegram.RateLimitViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task A_Telegram_429_on_the_typing_action_also_holds_back_the_answer_until_the_wait_is_over()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.FailNext("sendChatAction", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        var reply = await bot.AskPrivateAsync(UserId, "Hello?");

        reply.Text.Should().Be("Echo: Hello?");
        var refused = bot.Telegram.CallsTo("sendChatAction").Should().ContainSingle(call => call.StatusCode == 429).Subject;
        (reply.At - refused.At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "Telegram asked for one second");
        bot.Telegram.RateLimitViolations.Should().BeEmpty("nothing may be sent to the chat while Telegram asked to wait");
    }

    [Fact]
    public async Task A_Bot_API_server_error_on_send_is_tried_again_and_the_answer_arrives_once()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Telegram.FailNext("sendMessage", 502, "Bad Gateway");

        var reply = await bot.AskPrivateAsync(UserId, "Still there?");
        await Task.Delay(200, TestContext.Current.CancellationToken);

        reply.Text.Should().Be("Echo: Still there?");
        bot.Telegram.CallsTo("sendMessage").Select(call => call.StatusCode).Should().Equal(502, 200);
        bot.Telegram.MessagesTo(UserId).Should().ContainSingle();
    }

    [Fact]
    public async Task Typing_is_shown_while_a_slow_model_answers()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.Delay = TimeSpan.FromMilliseconds(300);

        var reply = await bot.AskPrivateAsync(UserId, "Think hard about this.");

        reply.Text.Should().Be("Echo: Think hard about this.");
        bot.Telegram.ChatActions.Should().Contain(action =>
            action.ChatId == UserId && action.Action == "typing" && action.Sequence < reply.Sequence);
    }

    /// <summary>About 900 characters of plain prose, numbered so the order can be checked.</summary>
    private static string Paragraph(int number)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Paragraph {number:00} begins here."));
        var sentence = 0;
        while (text.Length < 900)
        {
            text.Append(CultureInfo.InvariantCulture, $" Sentence {++sentence} of paragraph {number:00} talks about rivers, hills and quiet towns.");
        }

        return text.ToString(0, 893).TrimEnd() + " End.";
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
