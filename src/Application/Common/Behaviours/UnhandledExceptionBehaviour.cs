using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>Logs what escaped a handler, with the request's name, before the caller turns it into an apology.</summary>
public sealed partial class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnhandled(logger, exception, RequestName<TRequest>.Value);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestName} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string requestName);
}
