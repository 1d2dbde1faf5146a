using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using CleanBot.Domain.Users;
using FluentValidation;
using FluentValidation.Results;
using MediatR;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>
/// Checks the person's profile, then runs the request's validators; a failure becomes the outcome's own "rejected"
/// case, never an exception, in the person's language (their choice, read only when there is something to refuse).
/// </summary>
/// <remarks>
/// Every request a person makes carries their profile, so it is checked here, once, and a request's validators keep
/// only its own rules. Validators whose rules are all synchronous finish at once, and then the next step's task is
/// handed back itself, as in <see cref="AccessBehaviour{TRequest, TResponse}"/>. One that has to wait is awaited with
/// those after it.
/// </remarks>
public sealed class ValidationBehaviour<TRequest, TResponse>(
    IValidator<UserProfile> profileValidator, IEnumerable<IValidator<TRequest>> validators, UserRegistry registry)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IUserRequest
    where TResponse : IOutcome<TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators as IValidator<TRequest>[] ?? [.. validators];

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var validation = profileValidator.ValidateAsync(request.Profile, cancellationToken);
        for (var index = 0; ; index++)
        {
            if (!validation.IsCompletedSuccessfully)
            {
                return ValidateRestAsync(validation, index, request, next, cancellationToken);
            }

            if (!validation.Result.IsValid)
            {
                return RefuseAsync(validation.Result, request, cancellationToken);
            }

            if (index == _validators.Length)
            {
                return next();
            }

            validation = _validators[index].ValidateAsync(request, cancellationToken);
        }
    }

    /// <summary>Waits for the validation under way, then runs the request's validators from <paramref name="nextIndex"/> on.</summary>
    private async Task<TResponse> ValidateRestAsync(
        Task<ValidationResult> validation, int nextIndex, TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var result = await validation;
        for (var index = nextIndex; result.IsValid && index < _validators.Length; index++)
        {
            result = await _validators[index].ValidateAsync(request, cancellationToken);
        }

        return result.IsValid ? await next() : await RefuseAsync(result, request, cancellationToken);
    }

    private async Task<TResponse> RefuseAsync(ValidationResult result, TRequest request, CancellationToken cancellationToken) =>
        TResponse.Rejected(ToRejection(result.Errors[0]), await registry.LanguageOfAsync(request.Profile, cancellationToken));

    private static Rejection ToRejection(ValidationFailure failure)
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
