using System.Text.Json.Serialization;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// editMessageText of a message the bot sent, with the fields its previews and answers use, answered by the message's id
/// alone (as <see cref="SendTextRequest"/>). A streamed answer is edited many times, each time with all of its text so
/// far, so its body goes out whole, with Persian text as UTF-8 (<see cref="WholeBodyRequest{TResult}"/>).
/// </summary>
internal sealed class EditTextRequest() : WholeBodyRequest<SentMessage>("editMessageText")
{
    [JsonPropertyName("chat_id")]
    public required long ChatId { get; init; }

    [JsonPropertyName("message_id")]
    public required int MessageId { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("parse_mode")]
    public ParseMode ParseMode { get; init; }

    [JsonPropertyName("link_preview_options")]
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }

    /// <summary>Replaces the text of the bot's message <paramref name="messageId"/> in <paramref name="chatId"/>, with no
    /// link preview.</summary>
    public static EditTextRequest Of(long chatId, int messageId, string text, ParseMode parseMode) => new()
    {
        ChatId = chatId,
        MessageId = messageId,
        Text = text,
        ParseMode = parseMode,
        LinkPreviewOptions = LinkPreview.Off,
    };
}
