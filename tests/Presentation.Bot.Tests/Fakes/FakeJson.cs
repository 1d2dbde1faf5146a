using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>JSON helpers shared by both fakes.</summary>
internal static class FakeJson
{
    /// <summary>Keeps Persian and emoji readable in recorded bodies and responses (both are valid JSON).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>Detached element: safe to keep after the document it came from is gone.</summary>
    public static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(Write(node));
        return document.RootElement.Clone();
    }

    public static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
