using CleanBot.Application.Features.Help;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>In a group the bot speaks only when addressed: commands for it, mentions of it, replies to it.</summary>
public sealed class GroupChatTests
{
    private const long GroupId = -1_001_234_567_890;
    private const long MemberId = 4001;

    [Fact]
    public async Task A_plain_group_message_that_does_not_address_the_bot_gets_no_reply_and_no_model_call()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var updateId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, MemberId, "Anyone up for lunch?"));
        await bot.WaitUntilHandledAsync(updateId);

        bot.Telegram.MessagesTo(GroupId).Should().BeEmpty();
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_mention_is_answered_with_a_quote_and_the_model_gets_the_text_without_the_mention()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var update = bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot what is 2+2");

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, update);

        bot.Gemini.Requests.Should().ContainSingle().Which.LastUserText.Should().Be("what is 2+2");
        reply.Text.Should().Be("Echo: what is 2+2");
        reply.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(update), "in a group the answer quotes the question");
    }

    [Fact]
    public async Task A_reply_to_the_bots_own_message_is_answered_with_a_quote()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot hello"));
        var update = bot.Telegram.Updates.GroupText(GroupId, MemberId, "and in French?", replyToBotMessage: true);

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, update);

        reply.Text.Should().Be("Echo: and in French?");
        reply.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(update));
    }

    [Fact]
    public async Task A_mention_in_a_forum_topic_is_answered_in_that_topic()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var update = bot.Telegram.Updates.GroupText(GroupId, MemberId, "@clean_test_bot which topic is this?", messageThreadId: 77);

        var reply = await bot.SendAndWaitForReplyAsync(GroupId, update);

        reply.Text.Should().Be("Echo: which topic is this?");
        reply.MessageThreadId.Should().Be(77);
        reply.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(update));
    }

    [Fact]
    public async Task A_command_addressed_to_the_bot_is_answered_and_one_for_another_bot_is_ignored()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var forUs = bot.Telegram.Updates.GroupText(GroupId, MemberId, "/help@clean_test_bot");

        var help = await bot.SendAndWaitForReplyAsync(GroupId, forUs);
        var forOtherId = bot.Send(bot.Telegram.Updates.GroupText(GroupId, MemberId, "/help@other_bot"));
        await bot.WaitUntilHandledAsync(forOtherId);

        var intro = BotTexts.English.Help([], 4096).Split('\n')[0];
        help.Text.Should().StartWith(intro);
        foreach (var command in BotCommands.Listed)
        {
            help.Text.Should().Contain($"/{BotTexts.CommandName(command)} — {BotTexts.English.CommandDescription(command)}");
        }

        help.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(forUs));
        bot.Telegram.MessagesTo(GroupId).Should().ContainSingle("the command for another bot gets no reply");
        bot.Gemini.Requests.Should().BeEmpty();
    }
}
