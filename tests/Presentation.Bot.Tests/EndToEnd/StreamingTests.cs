using System.Globalization;
using System.Text.RegularExpressions;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Streamed answers: the answer grows in a draft (private chats) or in one edited message (groups, or where drafts are
/// refused), within the throttle and the chat's budget, and ends as the same messages a non-streamed answer would be.
/// </summary>
public sealed partial class StreamingTests
{
    private const long UserId = 5101;
    private const long GroupId = -1_005_101_000_001;
    private const long MemberId = 5102;
    private const int Pieces = 10;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ChunkDelay = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_private_answer_grows_in_drafts_and_ends_as_one_message_with_the_full_text()
    {
        await using var bot = await StartStreamingAsync("Auto");
        var answer = Words(120);
        bot.Gemini.ReplyWith(_ => answer);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Tell me a story."));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Gemini.Requests.Should().ContainSingle().Which.IsStreaming.Should().BeTrue();
        var final = bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Subject;
        final.Text.Should().Be(answer);
        var drafts = bot.Telegram.Drafts;
        drafts.Should().NotBeEmpty("the answer took several intervals to arrive");
        drafts.Should().AllSatisfy(draft =>
        {
            draft.ChatId.Should().Be(UserId);
            draft.DraftId.Should().Be(drafts[0].DraftId, "one answer is one draft, animated as it grows");
            answer.Should().StartWith(draft.Text);
            draft.Sequence.Should().BeLessThan(final.Sequence, "the finished message replaces the draft");
        });
        NoTextRepeats(drafts.Select(draft => draft.RawText));
        drafts.Count.Should().BeLessThanOrEqualTo(ThrottleBound(bot, final.At));
        bot.Telegram.EditedMessages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_group_answer_grows_in_one_edited_message_that_ends_as_the_full_text()
    {
        await using var bot = await StartStreamingAsync("On");
        var answer = Words(120);
        bot.Gemini.ReplyWith(_ => answer);
        var question = bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot tell me a story");

        var updateId = bot.Send(question);
        await bot.WaitUntilHandledAsync(updateId);

        var message = bot.Telegram.MessagesTo(GroupId).Should().ContainSingle("the answer grows in the one message").Subject;
        message.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(question));
        var edits = bot.Telegram.EditedMessages;
        edits.Should().NotBeEmpty().And.AllSatisfy(edit => edit.MessageId.Should().Be(message.MessageId));
        edits[^1].Text.Should().Be(answer);
        NoTextRepeats([message.RawText, .. edits.Select(edit => edit.RawText)]);
        bot.Telegram.CallsTo("editMessageText").Should().AllSatisfy(call => call.StatusCode.Should().Be(200, "no edit repeats the text before it"));

        // The previews are the message and every edit but the last, which is the finished answer.
        var previews = 1 + (edits.Count - 1);
        previews.Should().BeLessThanOrEqualTo(ThrottleBound(bot, edits[^1].At));
        bot.Telegram.Drafts.Should().BeEmpty("drafts exist in private chats only");
    }

    [Fact]
    public async Task By_default_a_group_gets_the_finished_answer_in_one_message()
    {
        await using var bot = await StartStreamingAsync(mode: null);
        var answer = Words(60);
        bot.Gemini.ReplyWith(_ => answer);

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot hi"));

        reply.Text.Should().Be(answer);
        bot.Gemini.Requests.Should().ContainSingle().Which.IsStreaming.Should().BeFalse();
        bot.Telegram.EditedMessages.Should().BeEmpty();
        bot.Telegram.Drafts.Should().BeEmpty();
    }

    [Fact]
    public async Task With_streaming_off_a_private_answer_is_one_normal_message()
    {
        await using var bot = await StartStreamingAsync("Off");
        var answer = Words(60);
        bot.Gemini.ReplyWith(_ => answer);

        var reply = await bot.AskPrivateAsync(UserId, "Hello?");

        reply.Text.Should().Be(answer);
        bot.Gemini.Requests.Should().ContainSingle().Which.IsStreaming.Should().BeFalse();
        bot.Telegram.Drafts.Should().BeEmpty();
        bot.Telegram.EditedMessages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_long_streamed_answer_ends_in_the_grown_message_and_continues_in_new_ones()
    {
        await using var bot = await StartStreamingAsync("On");
        var answer = Words(1400);
        answer.Length.Should().BeGreaterThan(2 * 4096);
        bot.Gemini.ReplyWith(_ => answer);

        var updateId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot tell me everything"));
        await bot.WaitUntilHandledAsync(updateId);

        var messages = bot.Telegram.MessagesTo(GroupId);
        messages.Should().HaveCountGreaterThan(2);
        var edits = bot.Telegram.EditedMessages;
        edits.Should().NotBeEmpty().And.AllSatisfy(edit => edit.MessageId.Should().Be(messages[0].MessageId));
        var firstPart = edits[^1].Text;
        var delivered = string.Concat([firstPart, .. messages.Skip(1).Select(message => message.Text)]);
        WithoutSpace(delivered).Should().Be(WithoutSpace(answer), "the split keeps every word, in order");
        messages.Skip(1).Should().AllSatisfy(message => message.ReplyToMessageId.Should().BeNull());
        bot.Telegram.Calls.Where(call => call.Method is "sendMessage" or "editMessageText")
            .Should().AllSatisfy(call => call.StatusCode.Should().Be(200, "no preview is longer than a message or repeats itself"));
    }

    [Fact]
    public async Task A_stream_that_breaks_part_way_turns_the_grown_message_into_the_failure_sentence()
    {
        await using var bot = await StartStreamingAsync("On");
        bot.Gemini.EnqueueBrokenStream(Words(120), piecesBeforeBreak: Pieces - 2);

        var updateId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot go on", languageCode: "en"));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Gemini.Requests.Should().ContainSingle("words were shown, so the call is not made again");
        var message = bot.Telegram.MessagesTo(GroupId).Should().ContainSingle().Subject;
        var edits = bot.Telegram.EditedMessages;
        edits.Should().NotBeEmpty().And.AllSatisfy(edit => edit.MessageId.Should().Be(message.MessageId));
        edits[^1].Text.Should().Be(BotTexts.English.ModelUnavailable, "a half-written answer must not look like a whole one");
    }

    [Fact]
    public async Task A_private_stream_that_breaks_part_way_ends_with_the_failure_sentence_over_the_draft()
    {
        await using var bot = await StartStreamingAsync("Auto");
        bot.Gemini.EnqueueBrokenStream(Words(120), piecesBeforeBreak: Pieces - 2);

        var reply = await bot.AskPrivateAsync(UserId, "Go on.", languageCode: "fa");

        bot.Telegram.Drafts.Should().NotBeEmpty();
        reply.Text.Should().Be(BotTexts.Persian.ModelUnavailable);
        bot.Telegram.MessagesTo(UserId).Should().ContainSingle();
    }

    [Fact]
    public async Task A_429_on_an_edit_pauses_the_chat_and_the_answer_still_ends_whole()
    {
        await using var bot = await StartStreamingAsync("On");
        var answer = Words(120);
        bot.Gemini.ReplyWith(_ => answer);
        bot.Telegram.FailNext("editMessageText", 429, "Too Many Requests: retry after 1", retryAfter: 1);

        var updateId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot tell me a story"));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.CallsTo("editMessageText").Should().Contain(call => call.StatusCode == 429);
        bot.Telegram.RateLimitViolations.Should().BeEmpty("nothing goes to the chat before its retry_after is over");
        bot.Telegram.EditedMessages[^1].Text.Should().Be(answer);
        bot.Telegram.MessagesTo(GroupId).Should().ContainSingle();
    }

    [Fact]
    public async Task Where_the_server_has_no_drafts_a_private_answer_grows_by_edits()
    {
        await using var bot = await StartStreamingAsync("Auto");
        bot.Telegram.DraftsUnsupported = true;
        var answer = Words(120);
        bot.Gemini.ReplyWith(_ => answer);

        var updateId = bot.Send(bot.Telegram.Updates.PrivateText(UserId, "Tell me a story."));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.CallsTo("sendMessageDraft").Should().ContainSingle("a refusal is remembered");
        var message = bot.Telegram.MessagesTo(UserId).Should().ContainSingle().Subject;
        bot.Telegram.EditedMessages.Should().NotBeEmpty().And.AllSatisfy(edit => edit.MessageId.Should().Be(message.MessageId));
        bot.Telegram.EditedMessages[^1].Text.Should().Be(answer);
    }

    /// <param name="mode">Bot:Streaming, or null for the default.</param>
    private static async Task<BotUnderTest> StartStreamingAsync(string? mode)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bot:StreamingInterval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            ["Telegram:ChatMessagesPerMinute"] = "600",
            ["Telegram:GroupMessagesPerMinute"] = "600",
        };
        if (mode is not null)
        {
            settings["Bot:Streaming"] = mode;
        }

        var bot = await BotUnderTest.StartNewAsync(settings);
        bot.Gemini.StreamPieces = Pieces;
        bot.Gemini.StreamChunkDelay = ChunkDelay;
        return bot;
    }

    /// <summary>Previews at most one per interval from the first words on: the first words come with the first event,
    /// no earlier than the request.</summary>
    private static int ThrottleBound(BotUnderTest bot, DateTimeOffset end) =>
        (int)((end - bot.Gemini.Requests[0].At) / Interval) + 1;

    private static void NoTextRepeats(IEnumerable<string> texts)
    {
        var list = texts.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            list[i].Should().NotBe(list[i - 1], $"update {i} must change what the chat shows");
        }
    }

    private static string Words(int count) =>
        string.Join(' ', Enumerable.Range(1, count).Select(n => $"word{n.ToString(CultureInfo.InvariantCulture)}"));

    private static string WithoutSpace(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
