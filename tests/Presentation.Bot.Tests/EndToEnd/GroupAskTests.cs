using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>/ask in groups (and private chats), each member's own session in a group, and forum topics.</summary>
public sealed class GroupAskTests
{
    private const long GroupId = -1_001_234_567_001;
    private const long Alice = 4101;
    private const long Bob = 4102;

    [Fact]
    public async Task Ask_in_a_group_sends_the_text_after_the_command_and_quotes_the_question()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var update = bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask what is 2+2");

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, update);

        bot.Gemini.Requests.Should().ContainSingle().Which.LastUserText.Should().Be("what is 2+2");
        reply.Text.Should().Be("Echo: what is 2+2");
        reply.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(update));
    }

    [Fact]
    public async Task Ask_addressed_to_this_bot_is_answered_and_addressed_to_another_bot_is_ignored()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask@clean_test_bot  spell it out  "));
        var otherId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask@other_bot spell it out"));
        await bot.WaitUntilHandledAsync(otherId);

        reply.Text.Should().Be("Echo: spell it out");
        bot.Gemini.Requests.Should().ContainSingle();
        bot.Telegram.MessagesTo(GroupId).Should().ContainSingle();
    }

    [Fact]
    public async Task A_bare_ask_gets_a_hint_in_the_members_language_and_no_model_call()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var english = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask"));
        var persian = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Bob, "/ask@clean_test_bot   ", languageCode: "fa"));

        english.Text.Should().Be(BotTexts.English.AskHint);
        persian.Text.Should().Be(BotTexts.Persian.AskHint);
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Ask_works_in_a_private_chat_as_a_plain_question()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(Alice, "/ask is this private?");

        reply.Text.Should().Be("Echo: is this private?");
        reply.ReplyToMessageId.Should().BeNull("a private answer does not quote");
    }

    [Fact]
    public async Task Two_members_of_one_group_each_have_their_own_history()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask my number is 7"));
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Bob, "@clean_test_bot my number is 9"));

        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask which number did I say?"));
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Bob, "which number did I say?", replyToBotMessage: true));

        var requests = bot.Gemini.Requests;
        requests.Should().HaveCount(4);
        requests[2].Contents.Should().Equal(
            new GeminiTurn("user", "my number is 7"), new GeminiTurn("model", "Echo: my number is 7"), new GeminiTurn("user", "which number did I say?"));
        requests[3].Contents.Should().Equal(
            new GeminiTurn("user", "my number is 9"), new GeminiTurn("model", "Echo: my number is 9"), new GeminiTurn("user", "which number did I say?"));
    }

    [Fact]
    public async Task Ask_in_a_forum_topic_is_answered_in_that_topic_and_so_is_the_hint()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var question = bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask which topic is this?", messageThreadId: 77);

        var answer = await bot.SendAndWaitForReplyAsync(GroupId, question);
        var hint = await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, Bob, "/ask", messageThreadId: 78));

        answer.Text.Should().Be("Echo: which topic is this?");
        answer.MessageThreadId.Should().Be(77);
        answer.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(question));
        hint.Text.Should().Be(BotTexts.English.AskHint);
        hint.MessageThreadId.Should().Be(78);
    }

    [Fact]
    public async Task A_long_answer_in_a_forum_topic_stays_in_that_topic_in_every_part()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.EnqueueReply(string.Join("\n\n", Enumerable.Repeat(new string('a', 1000), 6)));

        bot.Send(bot.Telegram.Updates.GroupText(GroupId, Alice, "/ask write a lot", messageThreadId: 91));
        var parts = await bot.Telegram.WaitForMessagesAsync(GroupId, 2);

        parts.Should().OnlyContain(part => part.MessageThreadId == 91);
    }
}
