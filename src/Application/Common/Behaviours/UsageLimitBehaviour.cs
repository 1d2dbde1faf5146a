using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>
/// Applies the message rate limit, then the daily token quota, to requests that call the model, before anything is
/// stored or the model is called. Admins are exempt from both. A refusal is the outcome's own "rejected" case.
/// </summary>
/// <remarks>
/// Checks decided at once (say, counted in the memory cache) hand back the next step's task itself, as in
/// <see cref="AccessBehaviour{TRequest, TResponse}"/>.
/// </remarks>
public sealed class UsageLimitBehaviour<TRequest, TResponse>(
    IOptions<AccessOptions> options,
    MessageRateLimit rateLimit,
    DailyTokenQuota quota,
    UserRegistry registry,
    TimeProvider time)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IMeteredRequest
    where TResponse : IOutcome<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (options.Value.IsAdmin(request.Profile.Id))
        {
            return next();
        }

        var check = CheckAsync(request.Profile.Id, cancellationToken);
        return check.IsCompletedSuccessfully
            ? Decide(check.Result, request, next, cancellationToken)
            : DecideAsync(check, request, next, cancellationToken);
    }

    private async ValueTask<Rejection?> CheckAsync(long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await rateLimit.CountAsync(userId, now, cancellationToken) ?? await quota.CheckAsync(userId, now, cancellationToken);
    }

    private Task<TResponse> Decide(
        Rejection? rejection, TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken) =>
        rejection is null ? next() : RefuseAsync(rejection, request, cancellationToken);

    private async Task<TResponse> DecideAsync(
        ValueTask<Rejection?> check, TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken) =>
        await Decide(await check, request, next, cancellationToken);

    // The language is read only for a refusal: a question that goes through costs no extra lookup.
    private async Task<TResponse> RefuseAsync(Rejection rejection, TRequest request, CancellationToken cancellationToken) =>
        TResponse.Rejected(rejection, await registry.LanguageOfAsync(request.Profile, cancellationToken));
}
