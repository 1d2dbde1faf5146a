using System.Text.Json;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// The chat an update belongs to, read straight from its JSON so an update is stored without being parsed in full.
/// Updates without a chat (inline queries, say) are keyed by their sender; updates with neither share key 0.
/// </summary>
internal static class UpdateChatKey
{
    private static readonly string[] ChatCarriers =
        ["message", "edited_message", "channel_post", "edited_channel_post", "business_message", "my_chat_member", "chat_member", "chat_join_request"];

    private static readonly string[] SenderCarriers = ["callback_query", "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query"];

    public static long Of(JsonElement update)
    {
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
