using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>Traces each request by name only: message text is the user's and stays out of the logs.</summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        LogHandling(logger, RequestName<TRequest>.Value);
        return next();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handling {RequestName}")]
    private static partial void LogHandling(ILogger logger, string requestName);
}
