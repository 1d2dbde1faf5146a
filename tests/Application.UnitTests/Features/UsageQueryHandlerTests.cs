using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Usage;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class UsageQueryHandlerTests
{
    private readonly IUsageReader _reader = Substitute.For<IUsageReader>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();

    [Fact]
    public async Task Usage_reads_the_users_figures_with_today_and_this_month_starting_at_utc_midnight()
    {
        // 01:30 on 1 March in Tehran is still 28 February in UTC: the periods follow UTC, not the server's zone.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.FromHours(3.5)));
        var figures = new UserUsage(new UsageTotals(1, 10), new UsageTotals(2, 20), new UsageTotals(3, 30));
        _reader.UserUsageAsync(
                Profiles.Maryam.Id,
                new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
                Arg.Any<CancellationToken>())
            .Returns(figures);

        var outcome = await Handler(time).Handle(new UsageQuery(Profiles.Maryam), CancellationToken.None);

        outcome.Should().Be(new UsageOutcome.Shown(Language.Persian, figures));
    }

    [Fact]
    public async Task Usage_writes_nothing_and_answers_in_the_stored_language()
    {
        var stored = User.Register(Profiles.Sara with { LanguageTag = "fa" }, DateTimeOffset.UnixEpoch);
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        _reader.UserUsageAsync(default, default, default, default).ReturnsForAnyArgs(UserUsage.None);

        var outcome = await Handler(new FakeTimeProvider()).Handle(new UsageQuery(Profiles.Sara), CancellationToken.None);

        outcome.Should().Be(new UsageOutcome.Shown(Language.Persian, UserUsage.None));
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    private UsageQueryHandler Handler(TimeProvider time) => new(new UserRegistry(_users, new DictionaryCache()), _reader, time);
}
