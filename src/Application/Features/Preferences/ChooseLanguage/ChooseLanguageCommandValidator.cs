using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Preferences.ChooseLanguage;

public sealed class ChooseLanguageCommandValidator : AbstractValidator<ChooseLanguageCommand>
{
    public ChooseLanguageCommandValidator()
    {
        RuleFor(command => command.Profile).SetValidator(new UserProfileValidator());
        RuleFor(command => command.Language).IsInEnum().WithErrorCode(RejectionCodes.InvalidRequest);
    }
}
