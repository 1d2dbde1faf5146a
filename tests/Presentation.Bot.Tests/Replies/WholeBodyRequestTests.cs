using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanBot.Presentation.Bot.Telegram.Replies;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Tests.Replies;

/// <summary>
/// The bot's own sendMessage, sendChatAction, editMessageText and sendMessageDraft: the JSON Telegram.Bot's requests
/// would send, written whole with Persian text as UTF-8, and the id out of Telegram's whole answer.
/// </summary>
public sealed class WholeBodyRequestTests
{
    [Theory]
    [InlineData(42L, "Hello", ParseMode.None, null, null)]
    [InlineData(-100_42L, "<b>Hi</b> & سلام \"there\"", ParseMode.Html, 7, 9)]
    [InlineData(5L, "x", ParseMode.MarkdownV2, null, 3)]
    public async Task A_reply_sends_the_body_Telegram_Bots_sendMessage_would(long chatId, string text, ParseMode parseMode, int? replyTo, int? threadId)
    {
        var ours = SendTextRequest.To(new ReplyTarget(chatId, threadId, replyTo), text, parseMode);
        var theirs = new SendMessageRequest
        {
            ChatId = chatId,
            Text = text,
            ParseMode = parseMode,
            ReplyParameters = replyTo is { } messageId ? new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true } : null,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
            MessageThreadId = threadId,
        };

        ours.MethodName.Should().Be(theirs.MethodName);
        ShouldBeTheSameJson(await BodyOf(ours), await BodyOf(theirs));
    }

    [Fact]
    public async Task A_reply_goes_out_whole_with_its_length_and_Persian_text_as_UTF_8()
    {
        const string text = "سلام، خوبی؟";

        using var body = SendTextRequest.To(new ReplyTarget(42, null, null), text, ParseMode.Html).ToHttpContent();

        var bytes = await body.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        body.Headers.ContentLength.Should().Be(bytes.Length, "the length is known before the body goes out, so it is not sent in chunks");
        body.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        Encoding.UTF8.GetString(bytes).Should().Contain(text, "a Persian letter escaped as \\uXXXX takes 6 bytes instead of 2");
    }

    [Theory]
    [InlineData(42L, null)]
    [InlineData(-100_42L, 9)]
    public async Task Typing_sends_the_body_Telegram_Bots_sendChatAction_would(long chatId, int? threadId)
    {
        var ours = SendTypingRequest.To(new ReplyTarget(chatId, threadId, null));
        var theirs = new SendChatActionRequest { ChatId = chatId, Action = ChatAction.Typing, MessageThreadId = threadId };

        ours.MethodName.Should().Be(theirs.MethodName);
        ShouldBeTheSameJson(await BodyOf(ours), await BodyOf(theirs));
    }

    [Theory]
    [InlineData(42L, 7, "Hello", ParseMode.None)]
    [InlineData(-100_42L, 123, "<b>Hi</b> & سلام \"there\"", ParseMode.Html)]
    public async Task An_edit_sends_the_body_Telegram_Bots_editMessageText_would(long chatId, int messageId, string text, ParseMode parseMode)
    {
        var ours = EditTextRequest.Of(chatId, messageId, text, parseMode);
        var theirs = new EditMessageTextRequest
        {
            ChatId = chatId,
            MessageId = messageId,
            Text = text,
            ParseMode = parseMode,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };

        ours.MethodName.Should().Be(theirs.MethodName);
        ShouldBeTheSameJson(await BodyOf(ours), await BodyOf(theirs));
    }

    [Theory]
    [InlineData(42L, 1L, "", ParseMode.None, null)]
    [InlineData(42L, 9_000_000_001L, "<i>سلام</i> & more", ParseMode.Html, 5)]
    public async Task A_draft_sends_the_body_Telegram_Bots_sendMessageDraft_would(long chatId, long draftId, string text, ParseMode parseMode, int? threadId)
    {
        var ours = SendDraftRequest.To(new ReplyTarget(chatId, threadId, null), draftId, text, parseMode);
        var theirs = new SendMessageDraftRequest { ChatId = chatId, DraftId = draftId, Text = text, ParseMode = parseMode, MessageThreadId = threadId };

        ours.MethodName.Should().Be(theirs.MethodName);
        ShouldBeTheSameJson(await BodyOf(ours), await BodyOf(theirs));
    }

    [Fact]
    public async Task Previews_go_out_whole_with_their_length_and_Persian_text_as_UTF_8()
    {
        const string text = "پاسخ در حال نوشتن است…";
        RequestBase<SentMessage> edit = EditTextRequest.Of(42, 7, text, ParseMode.Html);
        RequestBase<bool> draft = SendDraftRequest.To(new ReplyTarget(42, null, null), 3, text, ParseMode.Html);

        foreach (var body in new[] { edit.ToHttpContent()!, draft.ToHttpContent()! })
        {
            using (body)
            {
                var bytes = await body.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                body.Headers.ContentLength.Should().Be(bytes.Length);
                Encoding.UTF8.GetString(bytes).Should().Contain(text, "each preview carries all of the answer so far, 6 bytes a letter if escaped");
            }
        }
    }

    [Fact]
    public void Reads_the_message_id_out_of_the_whole_message_Telegram_answers_with()
    {
        const string answer = """
            {"ok":true,"result":{"message_id":321,"from":{"id":1,"is_bot":true,"first_name":"Clean","username":"clean_bot"},
            "chat":{"id":42,"first_name":"Sara","type":"private"},"date":1764000000,"text":"Hi there",
            "entities":[{"offset":0,"length":2,"type":"bold"}],"link_preview_options":{"is_disabled":true}}}
            """;

        var response = JsonSerializer.Deserialize<ApiResponse<SentMessage>>(answer, JsonBotAPI.Options);

        response!.Result.Should().Be(new SentMessage(321));
    }

    private static Task<string> BodyOf<TResponse>(RequestBase<TResponse> request) =>
        request.ToHttpContent()!.ReadAsStringAsync(TestContext.Current.CancellationToken);

    // The same JSON, whatever each encoder escapes.
    private static void ShouldBeTheSameJson(string ours, string theirs) =>
        JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(theirs)).Should().BeTrue($"ours was {ours} and theirs {theirs}");
}
