using System.Text.Json.Serialization;

namespace CleanBot.Infrastructure.Ai.Gemini.Contracts;

/// <summary>The body of a failed call: <c>{"error":{"code":N,"message":"...","status":"...","details":[...]}}</c>.</summary>
internal sealed record GeminiErrorResponse(GeminiError? Error);

/// <param name="Status">The canonical status name, e.g. RESOURCE_EXHAUSTED.</param>
internal sealed record GeminiError(string? Message, string? Status, IReadOnlyList<GeminiErrorDetail>? Details);

/// <summary>
/// One google.rpc detail, told apart by <paramref name="Type"/>. Like every contract here it declares only the fields
/// this adapter reads: RetryInfo's <paramref name="RetryDelay"/> ("37s") and QuotaFailure's <paramref name="Violations"/>.
/// </summary>
internal sealed record GeminiErrorDetail(
    [property: JsonPropertyName("@type")] string? Type,
    string? RetryDelay,
    IReadOnlyList<QuotaViolation>? Violations);

/// <param name="QuotaId">e.g. GenerateRequestsPerDayPerProjectPerModel-FreeTier.</param>
internal sealed record QuotaViolation(string? QuotaId);
