using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>Warns about requests slower than <see cref="ConversationOptions.SlowRequestThreshold"/>.</summary>
public sealed partial class PerformanceBehaviour<TRequest, TResponse>(
    ILogger<PerformanceBehaviour<TRequest, TResponse>> logger,
    IOptions<ConversationOptions> options)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly TimeSpan _threshold = options.Value.SlowRequestThreshold;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > _threshold)
        {
            LogSlow(logger, RequestName<TRequest>.Value, (long)elapsed.TotalMilliseconds);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow request {RequestName} took {ElapsedMilliseconds} ms")]
    private static partial void LogSlow(ILogger logger, string requestName, long elapsedMilliseconds);
}
