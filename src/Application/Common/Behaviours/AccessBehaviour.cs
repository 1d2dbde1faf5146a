using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using MediatR;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>
/// Stops a person who is not on the allow-list before validation and before any handler, so nothing about them is
/// stored, /start included. The refusal is the outcome's own "rejected" case, like a failed validation.
/// </summary>
/// <remarks>
/// A check that is decided at once (anyone on the list, or no list) hands back the next step's task itself: the
/// behaviour then keeps no state machine alive for as long as the request runs (docs/performance-history.md).
/// </remarks>
public sealed class AccessBehaviour<TRequest, TResponse>(AccessGate gate) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IUserRequest
    where TResponse : IOutcome<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var check = gate.CheckAsync(request.Profile.Id, cancellationToken);
        return check.IsCompletedSuccessfully ? Decide(check.Result, request, next) : DecideAsync(check, request, next);
    }

    private static Task<TResponse> Decide(Rejection? rejection, TRequest request, RequestHandlerDelegate<TResponse> next) =>
        rejection is null ? next() : Task.FromResult(TResponse.Rejected(rejection, request.Profile.Language));

    private static async Task<TResponse> DecideAsync(ValueTask<Rejection?> check, TRequest request, RequestHandlerDelegate<TResponse> next) =>
        await Decide(await check, request, next);
}
