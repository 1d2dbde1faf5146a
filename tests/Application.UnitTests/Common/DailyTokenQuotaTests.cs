using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Common;

public sealed class DailyTokenQuotaTests
{
    private const long UserId = 42;

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private readonly DictionaryCache _cache = new();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();

    [Fact]
    public async Task Below_the_quota_a_question_goes_through_without_a_database_query()
    {
        _cache.Counters[DailyTokenQuota.Key(UserId, Now)] = 999;

        (await Quota(1000).CheckAsync(UserId, Now, CancellationToken.None)).Should().BeNull();

        await _sessions.DidNotReceiveWithAnyArgs().TokensUsedSinceAsync(default, default, default);
    }

    [Fact]
    public async Task At_the_quota_a_question_is_refused()
    {
        _cache.Counters[DailyTokenQuota.Key(UserId, Now)] = 1000;

        (await Quota(1000).CheckAsync(UserId, Now, CancellationToken.None)).Should().Be(new Rejection(RejectionCodes.DailyQuotaUsed));
    }

    [Fact]
    public async Task A_count_missing_from_the_cache_is_rebuilt_from_todays_answers_with_one_query_and_kept()
    {
        _sessions.TokensUsedSinceAsync(UserId, Midnight, Arg.Any<CancellationToken>()).Returns(1500);
        var quota = Quota(1000);

        var first = await quota.CheckAsync(UserId, Now, CancellationToken.None);
        var second = await quota.CheckAsync(UserId, Now.AddMinutes(1), CancellationToken.None);

        first.Should().Be(new Rejection(RejectionCodes.DailyQuotaUsed));
        second.Should().Be(first);
        await _sessions.Received(1).TokensUsedSinceAsync(UserId, Midnight, Arg.Any<CancellationToken>());
        _cache.Counters[DailyTokenQuota.Key(UserId, Now)].Should().Be(1500);
    }

    [Fact]
    public async Task A_rebuilt_count_does_not_overwrite_one_another_request_kept_meanwhile()
    {
        var key = DailyTokenQuota.Key(UserId, Now);
        _sessions.TokensUsedSinceAsync(UserId, Midnight, Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                _cache.Counters[key] = 700; // another instance rebuilt it and added an answer while this one queried
                return 500L;
            });

        await Quota(1000).CheckAsync(UserId, Now, CancellationToken.None);

        _cache.Counters[key].Should().Be(700);
    }

    [Fact]
    public async Task Answers_add_their_tokens_and_a_new_UTC_day_starts_from_that_days_answers()
    {
        var quota = Quota(1000);
        _cache.Counters[DailyTokenQuota.Key(UserId, Now)] = 900;

        await quota.RecordAsync(UserId, new TokenUsage(80, 40), Now, CancellationToken.None);
        var today = await quota.CheckAsync(UserId, Now, CancellationToken.None);
        var tomorrow = await quota.CheckAsync(UserId, Midnight.AddDays(1), CancellationToken.None);

        _cache.Counters[DailyTokenQuota.Key(UserId, Now)].Should().Be(1020);
        today.Should().Be(new Rejection(RejectionCodes.DailyQuotaUsed));
        tomorrow.Should().BeNull();
        await _sessions.Received(1).TokensUsedSinceAsync(UserId, Midnight.AddDays(1), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_a_reachable_cache_the_database_decides()
    {
        _cache.CountersUnreachable = true;
        _sessions.TokensUsedSinceAsync(UserId, Midnight, Arg.Any<CancellationToken>()).Returns(1200);

        (await Quota(1000).CheckAsync(UserId, Now, CancellationToken.None)).Should().Be(new Rejection(RejectionCodes.DailyQuotaUsed));
    }

    [Fact]
    public async Task Zero_turns_the_quota_off_without_touching_cache_or_database()
    {
        var quota = Quota(0);

        (await quota.CheckAsync(UserId, Now, CancellationToken.None)).Should().BeNull();
        await quota.RecordAsync(UserId, new TokenUsage(80, 40), Now, CancellationToken.None);

        _cache.Counters.Should().BeEmpty();
        await _sessions.DidNotReceiveWithAnyArgs().TokensUsedSinceAsync(default, default, default);
    }

    [Fact]
    public void The_day_in_the_key_is_the_UTC_day()
    {
        var evening = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(-5)); // 04:30 UTC on the 26th

        DailyTokenQuota.Key(UserId, evening).Should().Be("tokens:42:20261126");
    }

    private DailyTokenQuota Quota(long tokens) =>
        new(Options.Create(new AccessOptions { DailyTokenQuota = tokens }), _cache, _sessions, NullLogger<DailyTokenQuota>.Instance);
}
