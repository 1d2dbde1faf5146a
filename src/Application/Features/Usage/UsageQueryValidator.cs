using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Usage;

public sealed class UsageQueryValidator : AbstractValidator<UsageQuery>
{
    public UsageQueryValidator()
    {
        RuleFor(query => query.Profile).SetValidator(new UserProfileValidator());
    }
}
