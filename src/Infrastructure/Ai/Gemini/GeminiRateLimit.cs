using System.Net.Http.Headers;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>What a 429 from Gemini says: whether a quota that will not clear soon ran out, and how long to wait.</summary>
internal readonly record struct GeminiRateLimit(bool IsQuotaExhausted, TimeSpan? RetryAfter)
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";
    private const string QuotaFailureType = "type.googleapis.com/google.rpc.QuotaFailure";

    public static async Task<GeminiRateLimit> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        From(await GeminiErrorReader.ReadAsync(response, cancellationToken), response.Headers.RetryAfter);

    public static GeminiRateLimit From(GeminiError? error, RetryConditionHeaderValue? retryAfterHeader)
    {
        var retryAfter = RetryInfoDelay(error) ?? RetryDelayText.FindInMessage(error?.Message) ?? HeaderDelay(retryAfterHeader);
        return new GeminiRateLimit(IsLongLivedQuota(error, retryAfter), retryAfter);
    }

    private static TimeSpan? RetryInfoDelay(GeminiError? error) =>
        error?.Details?
            .Where(detail => detail.Type == RetryInfoType)
            .Select(detail => RetryDelayText.ParseDuration(detail.RetryDelay))
            .FirstOrDefault(delay => delay is not null);

    private static TimeSpan? HeaderDelay(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - DateTimeOffset.UtcNow).Ticks)) : null;
    }

    private static bool IsLongLivedQuota(GeminiError? error, TimeSpan? retryAfter)
    {
        var quotaIds = error?.Details?
            .Where(detail => detail.Type == QuotaFailureType && detail.Violations is not null)
            .SelectMany(detail => detail.Violations!)
            .Select(violation => violation.QuotaId ?? string.Empty)
            .ToList() ?? [];
        if (quotaIds.Count > 0)
        {
            return quotaIds.Exists(id => id.Contains("PerDay", StringComparison.OrdinalIgnoreCase));
        }

        // Google's per-minute message also says "check your plan and billing details", so billing alone counts
        // only when no wait is suggested.
        var message = error?.Message ?? string.Empty;
        return message.Contains("per day", StringComparison.OrdinalIgnoreCase)
            || (retryAfter is null && message.Contains("billing", StringComparison.OrdinalIgnoreCase));
    }
}
