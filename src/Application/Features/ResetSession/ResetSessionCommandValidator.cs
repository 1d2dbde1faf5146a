using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.ResetSession;

public sealed class ResetSessionCommandValidator : AbstractValidator<ResetSessionCommand>
{
    public ResetSessionCommandValidator()
    {
        RuleFor(command => command.Profile).SetValidator(new UserProfileValidator());
    }
}
