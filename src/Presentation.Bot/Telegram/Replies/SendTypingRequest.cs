using System.Text.Json.Serialization;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// sendChatAction "typing" in a reply's chat and topic, the JSON of the library's request written whole
/// (<see cref="WholeBodyRequest{TResult}"/>): it goes out for nearly every question.
/// </summary>
internal sealed class SendTypingRequest() : WholeBodyRequest<bool>("sendChatAction")
{
    [JsonPropertyName("chat_id")]
    public required long ChatId { get; init; }

    [JsonPropertyName("action")]
    public ChatAction Action { get; } = ChatAction.Typing;

    [JsonPropertyName("message_thread_id")]
    public int? MessageThreadId { get; init; }

    public static SendTypingRequest To(ReplyTarget target) => new() { ChatId = target.ChatId, MessageThreadId = target.MessageThreadId };
}
