using System.Text.Json.Serialization;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// sendMessageDraft: a streamed answer's preview in a private chat, sent again with all of its text so far every time
/// it grows, so its body goes out whole, with Persian text as UTF-8 (<see cref="WholeBodyRequest{TResult}"/>).
/// </summary>
internal sealed class SendDraftRequest() : WholeBodyRequest<bool>("sendMessageDraft")
{
    [JsonPropertyName("chat_id")]
    public required long ChatId { get; init; }

    [JsonPropertyName("draft_id")]
    public required long DraftId { get; init; }

    [JsonPropertyName("message_thread_id")]
    public int? MessageThreadId { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("parse_mode")]
    public ParseMode ParseMode { get; init; }

    /// <summary>Draft <paramref name="draftId"/> in <paramref name="target"/>'s chat and topic.</summary>
    public static SendDraftRequest To(ReplyTarget target, long draftId, string text, ParseMode parseMode) => new()
    {
        ChatId = target.ChatId,
        DraftId = draftId,
        MessageThreadId = target.MessageThreadId,
        Text = text,
        ParseMode = parseMode,
    };
}
