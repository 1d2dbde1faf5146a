using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <param name="ChatId">The chat to answer in.</param>
/// <param name="MessageThreadId">The forum topic the question came from, if any.</param>
/// <param name="ReplyToMessageId">The message to quote: set in groups, so it is clear whom the bot answers.</param>
internal sealed record ReplyTarget(long ChatId, int? MessageThreadId, int? ReplyToMessageId)
{
    /// <summary>The quote for a reply: null when there is none. A question deleted meanwhile does not stop the answer.</summary>
    public ReplyParameters? QuoteParameters => ReplyToMessageId is { } messageId
        ? new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true }
        : null;
}
