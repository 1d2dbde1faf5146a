using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Help;

public sealed class HelpQueryValidator : AbstractValidator<HelpQuery>
{
    public HelpQueryValidator()
    {
        RuleFor(query => query.Profile).SetValidator(new UserProfileValidator());
    }
}
