using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using FluentValidation;
using MediatR;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>Runs the request's validators; a failure becomes the outcome's own "rejected" case, never an exception,
/// in the person's language (their choice, read only when there is something to refuse).</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, UserRegistry registry)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IUserRequest
    where TResponse : IOutcome<TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators as IValidator<TRequest>[] ?? [.. validators];

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            if (!result.IsValid)
            {
                return TResponse.Rejected(ToRejection(result.Errors[0]), await registry.LanguageOfAsync(request.Profile, cancellationToken));
            }
        }

        return await next();
    }

    private static Rejection ToRejection(FluentValidation.Results.ValidationFailure failure)
    {
        var code = string.IsNullOrEmpty(failure.ErrorCode) ? RejectionCodes.InvalidRequest : failure.ErrorCode;
        // A length rule names its limit MaxLength, a comparison rule (a size in bytes) ComparisonValue.
        var placeholders = failure.FormattedMessagePlaceholderValues;
        var limit = placeholders?.TryGetValue("MaxLength", out var max) == true && max is int maxLength ? maxLength
            : placeholders?.TryGetValue("ComparisonValue", out var bound) == true && bound is int comparison ? comparison
            : (int?)null;
        return new Rejection(code, limit);
    }
}
