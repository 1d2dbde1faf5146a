using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>One turn of "contents"; Text joins the turn's text parts.</summary>
public sealed record GeminiTurn(string Role, string Text);

/// <summary>A generateContent / streamGenerateContent call as <see cref="FakeGeminiServer"/> received it.</summary>
/// <param name="ApiKey">The x-goog-api-key header (or the ?key= query parameter).</param>
/// <param name="Body">The whole JSON body, for generationConfig, safetySettings and the like.</param>
public sealed record GeminiRequest(
    string Model,
    bool IsStreaming,
    string? ApiKey,
    IReadOnlyList<GeminiTurn> Contents,
    string? SystemInstruction,
    JsonElement Body,
    DateTimeOffset At)
{
    public string? LastUserText => Contents.LastOrDefault(turn => turn.Role == "user")?.Text;

    /// <summary>Reads what the fake needs; the shape was validated before (see FakeGeminiServer.Validate).</summary>
    internal static GeminiRequest From(string model, bool isStreaming, string? apiKey, JsonElement body)
    {
        var contents = new List<GeminiTurn>();
        if (body.TryGetProperty("contents", out var turns) && turns.ValueKind == JsonValueKind.Array)
        {
            contents.AddRange(turns.EnumerateArray().Select(turn => new GeminiTurn(
                turn.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString()! : "user",
                TextOf(turn))));
        }

        // The REST API accepts proto field names in either case.
        var system = body.TryGetProperty("systemInstruction", out var instruction)
            || body.TryGetProperty("system_instruction", out instruction)
            ? TextOf(instruction)
            : null;
        return new GeminiRequest(model, isStreaming, apiKey, contents, system, body.Clone(), DateTimeOffset.UtcNow);
    }

    internal static string TextOf(JsonElement content) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? string.Concat(parts.EnumerateArray()
                .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(part => part.GetProperty("text").GetString()))
            : string.Empty;
}
