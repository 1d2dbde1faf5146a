using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using FluentValidation;

namespace CleanBot.Application.Common.Validation;

/// <summary>
/// The user facts every request carries: a real Telegram id and a first name that fits the database. Checked for
/// every request by <see cref="Behaviours.ValidationBehaviour{TRequest, TResponse}"/>, before the request's own rules.
/// </summary>
public sealed class UserProfileValidator : AbstractValidator<UserProfile>
{
    public const int MaxNameLength = 256;

    public UserProfileValidator()
    {
        RuleFor(profile => profile.Id).GreaterThan(0).WithErrorCode(RejectionCodes.InvalidRequest);
        RuleFor(profile => profile.FirstName).NotNull().MaximumLength(MaxNameLength).WithErrorCode(RejectionCodes.InvalidRequest);
        RuleFor(profile => profile.LastName).MaximumLength(MaxNameLength).WithErrorCode(RejectionCodes.InvalidRequest);
        RuleFor(profile => profile.Username).MaximumLength(MaxNameLength).WithErrorCode(RejectionCodes.InvalidRequest);
        RuleFor(profile => profile.LanguageTag).MaximumLength(35).WithErrorCode(RejectionCodes.InvalidRequest);
    }
}
