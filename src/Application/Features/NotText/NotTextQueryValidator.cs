using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.NotText;

public sealed class NotTextQueryValidator : AbstractValidator<NotTextQuery>
{
    public NotTextQueryValidator()
    {
        RuleFor(query => query.Profile).SetValidator(new UserProfileValidator());
    }
}
