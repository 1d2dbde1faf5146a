using System.Text.Json;
using System.Text.Json.Serialization;
using CleanBot.Presentation.Bot.Telegram.Webhook;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Polling;

/// <summary>
/// getUpdates returning each update as raw JSON, so one malformed update is skipped on its own instead of failing the
/// whole batch (and being fetched again, forever).
/// </summary>
internal sealed class GetRawUpdatesRequest() : WholeBodyRequest<JsonElement[]>("getUpdates")
{
    [JsonPropertyName("offset")]
    public int? Offset { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("timeout")]
    public int? Timeout { get; init; }

    /// <summary>The same kinds the webhook asks for; without it Telegram keeps whatever an earlier call chose.</summary>
    [JsonPropertyName("allowed_updates")]
    public IReadOnlyList<UpdateType> AllowedUpdates { get; init; } = WebhookRegistration.AllowedUpdates;
}
