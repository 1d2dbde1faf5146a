using System.Text.Json;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// The chat an update belongs to, read straight from its JSON so an update is stored without being parsed in full.
/// Updates without a chat (a button press under an inline message, say) are keyed by their sender; updates with neither
/// share key 0. Inline queries have keys of their own (<see cref="InlineQueriesOf"/>).
/// </summary>
internal static class UpdateChatKey
{
    // Telegram ids have at most 52 significant bits, so no chat id reaches this: a person's inline queries never wait
    // behind a slow answer in their private chat (whose id is their user id), where they would be too late to answer.
    private const long InlineQueryKeys = 1L << 62;

    private static readonly string[] ChatCarriers =
        ["message", "edited_message", "channel_post", "edited_channel_post", "business_message", "my_chat_member", "chat_member", "chat_join_request"];

    private static readonly string[] SenderCarriers = ["callback_query", "chosen_inline_result", "shipping_query", "pre_checkout_query"];

    /// <summary>The key under which a person's inline queries are drained: one at a time, apart from every chat.</summary>
    public static long InlineQueriesOf(long userId) => InlineQueryKeys + userId;

    public static bool IsInlineQueries(long key) => key >= InlineQueryKeys;

    public static long Of(JsonElement update)
    {
        if (update.TryGetProperty("inline_query", out var inlineQuery) && TryGetId(inlineQuery, "from", out var querySenderId))
        {
            return InlineQueriesOf(querySenderId);
        }

        foreach (var kind in ChatCarriers)
        {
            if (update.TryGetProperty(kind, out var body) && TryGetId(body, "chat", out var chatId))
            {
                return chatId;
            }
        }

        foreach (var kind in SenderCarriers)
        {
            if (!update.TryGetProperty(kind, out var body) || body.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            // A button under a message belongs to that message's chat, so it is ordered with the chat's messages.
            if (body.TryGetProperty("message", out var message) && TryGetId(message, "chat", out var chatId))
            {
                return chatId;
            }

            if (TryGetId(body, "from", out var senderId))
            {
                return senderId;
            }
        }

        return 0;
    }

    private static bool TryGetId(JsonElement parent, string property, out long id)
    {
        id = 0;
        return parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty(property, out var owner)
            && owner.ValueKind == JsonValueKind.Object
            && owner.TryGetProperty("id", out var idElement)
            && idElement.ValueKind == JsonValueKind.Number
            && idElement.TryGetInt64(out id);
    }
}
