using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// What surrounds each Gemini call, outermost first: retries, a timeout per attempt. The whole call's timeout is the
/// call's own (<see cref="CallTimeouts"/>), on the token it passes in: a streamed answer outlives the pipeline, which
/// hands over its headers, so the call needs that timer anyway, and one timer per call is cheaper than two.
/// </summary>
/// <remarks>
/// Built once, from Polly's core, and run by the adapter around its own sends rather than by an HttpClient handler:
/// the handler's layers (its telemetry, the pipeline's context on every request message) cost every call an
/// allocation or two more, for logs the adapter writes itself.
/// </remarks>
internal static class GeminiResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(GeminiOptions options, ILogger logger)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
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
                OnRetry = args =>
                {
                    logger.GeminiRetrying(args.AttemptNumber + 1, Failure(args.Outcome), args.RetryDelay);
                    return default;
                },
            });
        }

        return pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "GeminiAttemptTimeout", Timeout = options.RequestTimeout }).Build();
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

    // What the log says of a failed attempt: its status, or the kind of failure, never a body or a message.
    private static string Failure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception is TimeoutRejectedException ? "no answer in time" : exception.GetType().Name
            : $"HTTP {(int)outcome.Result!.StatusCode}";
}
