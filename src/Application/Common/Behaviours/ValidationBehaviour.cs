using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using FluentValidation;
using FluentValidation.Results;
using MediatR;

namespace CleanBot.Application.Common.Behaviours;

/// <summary>Runs the request's validators; a failure becomes the outcome's own "rejected" case, never an exception,
/// in the person's language (their choice, read only when there is something to refuse).</summary>
/// <remarks>
/// Validators whose rules are all synchronous finish at once, and then the next step's task is handed back itself, as
/// in <see cref="AccessBehaviour{TRequest, TResponse}"/>. One that has to wait is awaited with those after it.
/// </remarks>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, UserRegistry registry)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IUserRequest
    where TResponse : IOutcome<TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators as IValidator<TRequest>[] ?? [.. validators];

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (var index = 0; index < _validators.Length; index++)
        {
            var validation = _validators[index].ValidateAsync(request, cancellationToken);
            if (!validation.IsCompletedSuccessfully)
            {
                return ValidateRestAsync(validation, index, request, next, cancellationToken);
            }

            if (!validation.Result.IsValid)
            {
                return RefuseAsync(validation.Result, request, cancellationToken);
            }
        }

        return next();
    }

    /// <summary>Waits for the validator at <paramref name="index"/>, then runs those after it.</summary>
    private async Task<TResponse> ValidateRestAsync(
        Task<ValidationResult> validation, int index, TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var result = await validation;
        while (result.IsValid && ++index < _validators.Length)
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
