using System.Text.Json.Serialization;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// sendMessage with the fields the bot's replies use, answered by the sent message's id alone: Telegram returns the
/// whole <see cref="Message"/> (its chat, its sender, the text and its entities again), and the bot never reads more
/// of it than the id, so the rest is skipped unread instead of built into objects for every answer. Its body goes out
/// whole, with Persian text as UTF-8 (<see cref="WholeBodyRequest{TResult}"/>).
/// </summary>
internal sealed class SendTextRequest() : WholeBodyRequest<SentMessage>("sendMessage")
{
    [JsonPropertyName("chat_id")]
    public required long ChatId { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("message_thread_id")]
    public int? MessageThreadId { get; init; }

    [JsonPropertyName("parse_mode")]
    public ParseMode ParseMode { get; init; }

    [JsonPropertyName("link_preview_options")]
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }

    [JsonPropertyName("reply_parameters")]
    public ReplyParameters? ReplyParameters { get; init; }

    /// <summary>A reply in <paramref name="target"/>'s chat and topic, quoting its message where it has one, with no
    /// link preview.</summary>
    public static SendTextRequest To(ReplyTarget target, string text, ParseMode parseMode) => new()
    {
        ChatId = target.ChatId,
        Text = text,
        ParseMode = parseMode,
        ReplyParameters = target.QuoteParameters,
        LinkPreviewOptions = LinkPreview.Off,
        MessageThreadId = target.MessageThreadId,
    };
}

/// <summary>What the bot keeps of a message it sent.</summary>
internal sealed record SentMessage([property: JsonPropertyName("message_id")] int MessageId);
