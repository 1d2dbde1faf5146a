using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Preferences.ChoosePersona;

public sealed class ChoosePersonaCommandValidator : AbstractValidator<ChoosePersonaCommand>
{
    public ChoosePersonaCommandValidator()
    {
        RuleFor(command => command.Profile).SetValidator(new UserProfileValidator());
        RuleFor(command => command.Persona).IsInEnum().WithErrorCode(RejectionCodes.InvalidRequest);
    }
}
