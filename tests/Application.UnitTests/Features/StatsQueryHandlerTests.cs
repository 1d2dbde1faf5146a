using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Stats;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class StatsQueryHandlerTests
{
    private readonly IUsageReader _reader = Substitute.For<IUsageReader>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.Zero));
    private readonly AccessOptions _access = new() { AdminUserIds = new HashSet<long> { Profiles.Maryam.Id } };

    [Fact]
    public async Task An_admin_gets_the_figures_with_today_starting_at_utc_midnight()
    {
        var statistics = new BotStatistics(100, 7, new UsageTotals(3, 300), new UsageTotals(50, 5_000));
        _reader.StatisticsAsync(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), Arg.Any<CancellationToken>()).Returns(statistics);

        var outcome = await Handler().Handle(new StatsQuery(Profiles.Maryam), CancellationToken.None);

        outcome.Should().Be(new StatsOutcome.Shown(Language.Persian, statistics));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_is_told_so_and_nothing_is_read()
    {
        var outcome = await Handler().Handle(new StatsQuery(Profiles.Sara), CancellationToken.None);

        outcome.Should().Be(new StatsOutcome.AdminsOnly(Language.English));
        _reader.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task An_allow_listed_user_is_not_an_admin()
    {
        _access.AllowedUserIds = new HashSet<long> { Profiles.Sara.Id };

        var outcome = await Handler().Handle(new StatsQuery(Profiles.Sara), CancellationToken.None);

        outcome.Should().BeOfType<StatsOutcome.AdminsOnly>();
    }

    private StatsQueryHandler Handler() =>
        new(new UserRegistry(Substitute.For<IUserRepository>(), new DictionaryCache()), _reader, Options.Create(_access), _time);
}
