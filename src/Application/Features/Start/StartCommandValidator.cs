using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Start;

public sealed class StartCommandValidator : AbstractValidator<StartCommand>
{
    public StartCommandValidator()
    {
        RuleFor(command => command.Profile).SetValidator(new UserProfileValidator());
    }
}
