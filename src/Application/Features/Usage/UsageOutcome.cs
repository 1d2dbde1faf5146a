using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Usage;

public abstract record UsageOutcome(Language Language) : IOutcome<UsageOutcome>
{
    public static UsageOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    public sealed record Shown(Language Language, UserUsage Usage) : UsageOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : UsageOutcome(Language);
}
