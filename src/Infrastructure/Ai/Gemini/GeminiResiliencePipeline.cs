using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// What surrounds each Gemini call, outermost first: retries, a timeout per attempt. The whole call's timeout is the
/// call's own (<see cref="CallTimeouts"/>), on the token it passes in: a streamed answer outlives the pipeline, which
/// hands over its headers, so the call needs that timer anyway, and one timer per call is cheaper than two.
/// </summary>
internal static class GeminiResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, GeminiOptions options)
    {
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "GeminiRetry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, options.MaxServerRetryDelay, args.Context.CancellationToken),
                DelayGenerator = args => ServerRequestedDelayAsync(args.Outcome, args.Context.CancellationToken),
            });
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "GeminiAttemptTimeout", Timeout = options.RequestTimeout });
    }

    private static async ValueTask<bool> ShouldRetryAsync(
        Outcome<HttpResponseMessage> outcome, TimeSpan maxServerRetryDelay, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            // The attempt timeout surfaces as TimeoutRejectedException; the caller's cancellation is never retried.
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        return outcome.Result!.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => await IsWorthWaitingForAsync(outcome.Result, maxServerRetryDelay, cancellationToken),
            HttpStatusCode.RequestTimeout
                or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout => true,
            _ => false,
        };
    }

    // A daily quota will not clear within any retry, and a long requested wait is better reported at once.
    private static async ValueTask<bool> IsWorthWaitingForAsync(
        HttpResponseMessage response, TimeSpan maxServerRetryDelay, CancellationToken cancellationToken)
    {
        var rateLimit = await GeminiRateLimit.ReadAsync(response, cancellationToken);
        return !rateLimit.IsQuotaExhausted && !(rateLimit.RetryAfter > maxServerRetryDelay);
    }

    // Null lets Polly use its exponential backoff.
    private static async ValueTask<TimeSpan?> ServerRequestedDelayAsync(
        Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            ? (await GeminiRateLimit.ReadAsync(response, cancellationToken)).RetryAfter
            : null;
}
