using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Tests.Replies;

/// <summary>Finishing an answer that grew in an edited message.</summary>
public sealed class ReplySenderStreamingTests : IDisposable
{
    private const long ChatId = -100_42;
    private static readonly ReplyTarget Target = new(ChatId, MessageThreadId: null, ReplyToMessageId: 7);

    private readonly ITelegramBotClient _bot = Substitute.For<ITelegramBotClient>();
    private readonly OutboundBudget _budget;
    private readonly ReplySender _sender;

    public ReplySenderStreamingTests()
    {
        // Budgets off: these tests are about which calls are made, not when.
        var options = Options.Create(new TelegramOptions { GlobalMessagesPerSecond = 0, ChatMessagesPerMinute = 0, GroupMessagesPerMinute = 0 });
        _budget = new OutboundBudget(options);
        var delivery = new ChatDelivery(new ChatCooldowns(TimeProvider.System), _budget, options, TimeProvider.System, NullLogger<ChatDelivery>.Instance);
        _sender = new ReplySender(_bot, delivery, NullLogger<ReplySender>.Instance);
        _bot.SendRequest(Arg.Any<EditTextRequest>(), Arg.Any<CancellationToken>()).Returns(new SentMessage(11));
        _bot.SendRequest(Arg.Any<SendTextRequest>(), Arg.Any<CancellationToken>()).Returns(new SentMessage(12));
    }

    [Fact]
    public async Task A_message_that_already_shows_the_final_text_is_not_edited_again()
    {
        await _sender.SendMarkdownAsync(Target, "All **done**.", new ShownPreview(11, "All <b>done</b>.", ParseMode.Html), CancellationToken.None);

        _bot.ReceivedCalls().Should().BeEmpty("Telegram would answer \"message is not modified\"");
    }

    [Fact]
    public async Task The_final_text_is_an_edit_of_the_grown_message()
    {
        await _sender.SendMarkdownAsync(Target, "All **done**.", new ShownPreview(11, "All **do", ParseMode.Html), CancellationToken.None);

        await _bot.Received(1).SendRequest(
            Arg.Is<EditTextRequest>(edit => edit.MessageId == 11 && edit.Text == "All <b>done</b>." && edit.ParseMode == ParseMode.Html),
            Arg.Any<CancellationToken>());
        await _bot.DidNotReceive().SendRequest(Arg.Any<SendTextRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_not_modified_answer_to_the_final_edit_is_harmless()
    {
        _bot.SendRequest(Arg.Any<EditTextRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ApiRequestException("Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 400));

        var finishing = () => _sender.SendMarkdownAsync(Target, "Same.", new ShownPreview(11, "Same", ParseMode.None), CancellationToken.None);

        await finishing.Should().NotThrowAsync();
        await _bot.DidNotReceive().SendRequest(Arg.Any<SendTextRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_long_answer_edits_its_first_part_in_and_sends_the_rest_as_new_messages_without_a_quote()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(1, 30).Select(n => $"Paragraph {n}: " + new string('x', 300)));

        await _sender.SendMarkdownAsync(Target, markdown, new ShownPreview(11, "Paragraph 1", ParseMode.Html), CancellationToken.None);

        await _bot.Received(1).SendRequest(Arg.Is<EditTextRequest>(edit => edit.MessageId == 11), Arg.Any<CancellationToken>());
        await _bot.Received(2).SendRequest(Arg.Is<SendTextRequest>(send => send.ReplyParameters == null), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failure_sentence_replaces_the_half_written_answer()
    {
        await _sender.SendPlainAsync(Target, "Gemini is not available.", new ShownPreview(11, "Once upon a", ParseMode.Html), CancellationToken.None);

        await _bot.Received(1).SendRequest(
            Arg.Is<EditTextRequest>(edit => edit.MessageId == 11 && edit.Text == "Gemini is not available." && edit.ParseMode == ParseMode.None),
            Arg.Any<CancellationToken>());
    }

    public void Dispose() => _budget.Dispose();
}
