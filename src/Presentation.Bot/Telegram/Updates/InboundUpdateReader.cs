using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Takes an update's id and chat from its JSON and keeps the JSON as it came, however the update arrived (getUpdates
/// or the webhook); the update is parsed in full only when it is handled.
/// </summary>
internal static class InboundUpdateReader
{
    /// <summary>False for anything but a JSON object with a readable update_id: such an update cannot be stored.</summary>
    /// <remarks>The id is read as an int, the type of getUpdates' offset that confirms it.</remarks>
    public static bool TryRead(JsonElement element, DateTimeOffset receivedAt, [NotNullWhen(true)] out InboundUpdate? update)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("update_id", out var idElement)
            || idElement.ValueKind != JsonValueKind.Number
            || !idElement.TryGetInt32(out var id))
        {
            update = null;
            return false;
        }

        update = new InboundUpdate(id, UpdateChatKey.Of(element), element.GetRawText(), receivedAt);
        return true;
    }
}
