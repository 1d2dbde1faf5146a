using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Usage;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Stats;

/// <summary>Figures over every user, for admins only: the check comes before the query, which scans whole tables.</summary>
public sealed class StatsQueryHandler(
    UserRegistry registry,
    IUsageReader reader,
    IOptions<AccessOptions> options,
    TimeProvider time)
    : IRequestHandler<StatsQuery, StatsOutcome>
{
    public async Task<StatsOutcome> Handle(StatsQuery request, CancellationToken cancellationToken)
    {
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        if (!options.Value.IsAdmin(request.Profile.Id))
        {
            return new StatsOutcome.AdminsOnly(language);
        }

        var statistics = await reader.StatisticsAsync(UtcPeriods.DayStart(time.GetUtcNow()), cancellationToken);
        return new StatsOutcome.Shown(language, statistics);
    }
}
