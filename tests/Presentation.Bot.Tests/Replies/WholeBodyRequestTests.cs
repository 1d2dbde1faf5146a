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
/// The bot's own sendMessage and sendChatAction: the JSON Telegram.Bot's requests would send, written whole with Persian
/// text as UTF-8, and the id out of Telegram's whole answer.
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
