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
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var userId = request.Profile.Id;
        if (options.Value.IsAdmin(userId))
        {
            return await next();
        }

        var now = time.GetUtcNow();
        var rejection = await rateLimit.CountAsync(userId, now, cancellationToken)
            ?? await quota.CheckAsync(userId, now, cancellationToken);
        // The language is read only for a refusal: a question that goes through costs no extra lookup.
        return rejection is null ? await next() : TResponse.Rejected(rejection, await registry.LanguageOfAsync(request.Profile, cancellationToken));
    }
}
