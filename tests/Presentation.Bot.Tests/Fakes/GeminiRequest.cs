using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>One turn of "contents"; Text joins the turn's text parts, InlineData lists its media parts in order.</summary>
public sealed record GeminiTurn(string Role, string Text, IReadOnlyList<GeminiInlineData>? InlineData = null)
{
    public IReadOnlyList<GeminiInlineData> InlineData { get; } = InlineData ?? [];

    /// <summary>Turns are equal by content, media parts included, so tests can compare whole conversations.</summary>
    public bool Equals(GeminiTurn? other) =>
        other is not null && Role == other.Role && Text == other.Text && InlineData.SequenceEqual(other.InlineData);

    public override int GetHashCode() => HashCode.Combine(Role, Text, InlineData.Count);
}

/// <summary>An inlineData part as sent; <paramref name="Data"/> is its base64 text.</summary>
public sealed record GeminiInlineData(string MimeType, string Data)
{
    /// <summary>The decoded bytes; null when <see cref="Data"/> is not valid base64.</summary>
    public byte[]? Bytes
    {
        get
        {
            var bytes = new byte[(Data.Length / 4 * 3) + 3];
            return Convert.TryFromBase64String(Data, bytes, out var written) ? bytes[..written] : null;
        }
    }
}

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
                TextOf(turn),
                InlineDataOf(turn))));
        }

        // The REST API accepts proto field names in either case.
        var system = body.TryGetProperty("systemInstruction", out var instruction)
            || body.TryGetProperty("system_instruction", out instruction)
            ? TextOf(instruction)
            : null;
        return new GeminiRequest(model, isStreaming, apiKey, contents, system, body.Clone(), DateTimeOffset.UtcNow);
    }

    /// <summary>The turn's inlineData parts (the REST API also takes inline_data and mime_type).</summary>
    internal static List<GeminiInlineData> InlineDataOf(JsonElement content)
    {
        var found = new List<GeminiInlineData>();
        if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return found;
        }

        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && (part.TryGetProperty("inlineData", out var blob) || part.TryGetProperty("inline_data", out blob))
                && blob.ValueKind == JsonValueKind.Object)
            {
                var mimeType = blob.TryGetProperty("mimeType", out var type) || blob.TryGetProperty("mime_type", out type) ? type.ToString() : string.Empty;
                var data = blob.TryGetProperty("data", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty;
                found.Add(new GeminiInlineData(mimeType, data));
            }
        }

        return found;
    }

    internal static string TextOf(JsonElement content) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? string.Concat(parts.EnumerateArray()
                .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(part => part.GetProperty("text").GetString()))
            : string.Empty;
}
