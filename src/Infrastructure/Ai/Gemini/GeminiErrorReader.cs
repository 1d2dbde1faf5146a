using System.Text.Json;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

internal static class GeminiErrorReader
{
    /// <summary>The error Gemini described, or null when the body is not Gemini's error JSON (a proxy's HTML page).</summary>
    /// <remarks>
    /// Reads the buffered bytes, never the content stream: HttpContent hands out one cached stream, and the retry
    /// pipeline reads a 429's body before the adapter does.
    /// </remarks>
    public static async Task<GeminiError?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, GeminiJsonContext.Default.GeminiErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
