using System.Text.Json;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>Bodies shaped like Gemini's own.</summary>
internal static class GeminiReplies
{
    public static FakeResponse Answer(string text, string finishReason = "STOP") => new(200, $$"""
        {
          "candidates": [{
            "content": { "role": "model", "parts": [{ "text": {{JsonSerializer.Serialize(text)}} }] },
            "finishReason": "{{finishReason}}",
            "index": 0
          }],
          "usageMetadata": { "promptTokenCount": 12, "candidatesTokenCount": 7, "totalTokenCount": 19 },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "fake-response"
        }
        """);

    public static FakeResponse Error(int code, string status, string message, params string[] details) => new(code, $$"""
        {
          "error": {
            "code": {{code}},
            "message": {{JsonSerializer.Serialize(message)}},
            "status": "{{status}}",
            "details": [{{string.Join(",", details)}}]
          }
        }
        """);

    public static FakeResponse RateLimited(params string[] details) =>
        Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", details);

    public static string RetryInfo(string retryDelay) =>
        $$"""{ "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "{{retryDelay}}" }""";

    public static string QuotaFailure(string quotaId) => $$"""
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          "violations": [{
            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            "quotaId": "{{quotaId}}",
            "quotaDimensions": { "location": "global", "model": "gemini-2.5-flash" },
            "quotaValue": "250"
          }]
        }
        """;

    /// <summary>A streamed answer: one event per piece, only the last with the finish reason and the usage. Events end
    /// with CRLF CRLF, as Google's do.</summary>
    public static FakeResponse Stream(IReadOnlyList<string> pieces, string? finishReason = "STOP", bool stallAfterBody = false) =>
        new(200, string.Concat(pieces.Select((piece, i) => Event(piece, i == pieces.Count - 1 ? finishReason : null))),
            ContentType: "text/event-stream", StallAfterBody: stallAfterBody);

    /// <summary>One <c>data:</c> event carrying a piece of text; the finishing one has the usage.</summary>
    public static string Event(string text, string? finishReason)
    {
        var finish = finishReason is null ? string.Empty : $$""", "finishReason": "{{finishReason}}" """;
        var usage = finishReason is null ? string.Empty
            : """, "usageMetadata": { "promptTokenCount": 12, "candidatesTokenCount": 7, "thoughtsTokenCount": 3, "totalTokenCount": 22 }""";
        return $$"""data: {"candidates": [{"content": {"role": "model", "parts": [{"text": {{JsonSerializer.Serialize(text)}}}]}{{finish}}, "index": 0}]{{usage}}, "modelVersion": "gemini-2.5-flash"}""" + "\r\n\r\n";
    }
}
