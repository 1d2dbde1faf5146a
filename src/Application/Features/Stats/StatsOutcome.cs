using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Stats;

public abstract record StatsOutcome(Language Language) : IOutcome<StatsOutcome>
{
    public static StatsOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    public sealed record Shown(Language Language, BotStatistics Statistics) : StatsOutcome(Language);

    /// <summary>The person is not one of <see cref="AccessOptions.AdminUserIds"/>: nothing was read.</summary>
    public sealed record AdminsOnly(Language Language) : StatsOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : StatsOutcome(Language);
}
