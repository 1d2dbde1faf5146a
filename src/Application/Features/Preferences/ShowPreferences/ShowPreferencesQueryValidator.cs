using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Preferences.ShowPreferences;

public sealed class ShowPreferencesQueryValidator : AbstractValidator<ShowPreferencesQuery>
{
    public ShowPreferencesQueryValidator()
    {
        RuleFor(query => query.Profile).SetValidator(new UserProfileValidator());
    }
}
