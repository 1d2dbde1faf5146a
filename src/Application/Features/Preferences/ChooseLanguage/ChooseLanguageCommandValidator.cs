using CleanBot.Application.Common.Outcomes;
using FluentValidation;

namespace CleanBot.Application.Features.Preferences.ChooseLanguage;

public sealed class ChooseLanguageCommandValidator : AbstractValidator<ChooseLanguageCommand>
{
    public ChooseLanguageCommandValidator()
    {
        RuleFor(command => command.Language).IsInEnum().WithErrorCode(RejectionCodes.InvalidRequest);
    }
}
