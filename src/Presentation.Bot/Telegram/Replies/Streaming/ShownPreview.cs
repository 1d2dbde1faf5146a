using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>The message a streamed answer grew in (edit mode), and what it shows now.</summary>
internal sealed record ShownPreview(int MessageId, string Text, ParseMode ParseMode);
