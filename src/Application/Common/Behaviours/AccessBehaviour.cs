using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using MediatR;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>
/// Stops a person who is not on the allow-list before validation and before any handler, so nothing about them is
/// stored, /start included. The refusal is the outcome's own "rejected" case, like a failed validation.
/// </summary>
public sealed class AccessBehaviour<TRequest, TResponse>(AccessGate gate) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IUserRequest
    where TResponse : IOutcome<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var rejection = await gate.CheckAsync(request.Profile.Id, cancellationToken);
        return rejection is null ? await next() : TResponse.Rejected(rejection, request.Profile.Language);
    }
}
