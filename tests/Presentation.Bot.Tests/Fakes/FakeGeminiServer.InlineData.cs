using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>The checks the real API makes on an inlineData part: base64 data and a media type it reads.</summary>
public sealed partial class FakeGeminiServer
{
    private static readonly HashSet<string> ImageMimeTypes = new(StringComparer.Ordinal)
    {
        "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif",
    };

    private static string? InlineDataError(JsonElement part)
    {
        if (!part.TryGetProperty("inlineData", out var blob) && !part.TryGetProperty("inline_data", out blob))
        {
            return null;
        }

        var mimeType = blob.ValueKind == JsonValueKind.Object
            && (blob.TryGetProperty("mimeType", out var type) || blob.TryGetProperty("mime_type", out type))
            && type.ValueKind == JsonValueKind.String ? type.GetString()! : string.Empty;
        if (!ImageMimeTypes.Contains(mimeType) && !mimeType.StartsWith("audio/", StringComparison.Ordinal)
            && !mimeType.StartsWith("video/", StringComparison.Ordinal) && mimeType is not ("application/pdf" or "text/plain"))
        {
            return $"Unsupported MIME type: {mimeType}";
        }

        return blob.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String
            && new GeminiInlineData(mimeType, data.GetString()!).Bytes is { Length: > 0 }
            ? null
            : "Invalid value at 'contents.parts.inline_data.data' (TYPE_BYTES), Base64 decoding failed";
    }
}
