using System.Net;
using System.Net.Http.Headers;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>Turns a failed <c>generateContent</c> call, after any retries, into a <see cref="ChatModelResult"/>.</summary>
internal static class GeminiFailureMapper
{
    public static ChatModelResult Map(HttpStatusCode statusCode, GeminiError? error, RetryConditionHeaderValue? retryAfterHeader)
    {
        if (statusCode == HttpStatusCode.BadRequest && IsInputTooLong(error?.Message))
        {
            return new ChatModelResult.ContextTooLong();
        }

        if (statusCode == HttpStatusCode.TooManyRequests)
        {
            var rateLimit = GeminiRateLimit.From(error, retryAfterHeader);
            return rateLimit.IsQuotaExhausted
                ? new ChatModelResult.QuotaExhausted()
                : new ChatModelResult.RateLimited(rateLimit.RetryAfter);
        }

        var reason = error?.Status is { Length: > 0 } status ? $"HTTP {(int)statusCode} {status}" : $"HTTP {(int)statusCode}";
        return new ChatModelResult.Unavailable(reason);
    }

    // "The input token count (N) exceeds the maximum number of tokens allowed (M)."
    private static bool IsInputTooLong(string? message) =>
        message is not null
        && message.Contains("input token count", StringComparison.OrdinalIgnoreCase)
        && message.Contains("exceeds", StringComparison.OrdinalIgnoreCase);
}
