using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Polling;

/// <summary>
/// getUpdates returning each update as raw JSON, so one malformed update is skipped on its own instead of failing the
/// whole batch (and being fetched again, forever).
/// </summary>
internal sealed class GetRawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    public int? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("timeout")]
    public int? Timeout { get; init; }

    /// <summary>The kinds of update to receive. Telegram remembers the last list given (by getUpdates or setWebhook), so
    /// polling names its own rather than inherit one.</summary>
    [JsonPropertyName("allowed_updates")]
    public IEnumerable<UpdateType>? AllowedUpdates { get; init; }
}
