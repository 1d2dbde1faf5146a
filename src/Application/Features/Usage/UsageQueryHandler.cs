using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.Usage;

/// <summary>Reads the person's figures for the three periods in one query; writes nothing.</summary>
public sealed class UsageQueryHandler(UserRegistry registry, IUsageReader reader, TimeProvider time)
    : IRequestHandler<UsageQuery, UsageOutcome>
{
    public async Task<UsageOutcome> Handle(UsageQuery request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        var usage = await reader.UserUsageAsync(request.Profile.Id, UtcPeriods.DayStart(now), UtcPeriods.MonthStart(now), cancellationToken);
        return new UsageOutcome.Shown(language, usage);
    }
}
