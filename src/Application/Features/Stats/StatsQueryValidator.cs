using CleanBot.Application.Common.Validation;
using FluentValidation;

namespace CleanBot.Application.Features.Stats;

public sealed class StatsQueryValidator : AbstractValidator<StatsQuery>
{
    public StatsQueryValidator()
    {
        RuleFor(query => query.Profile).SetValidator(new UserProfileValidator());
    }
}
