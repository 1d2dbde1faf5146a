using CleanBot.Application.Common.Outcomes;
using FluentValidation;

namespace CleanBot.Application.Features.Preferences.ChoosePersona;

public sealed class ChoosePersonaCommandValidator : AbstractValidator<ChoosePersonaCommand>
{
    public ChoosePersonaCommandValidator()
    {
        RuleFor(command => command.Persona).IsInEnum().WithErrorCode(RejectionCodes.InvalidRequest);
    }
}
