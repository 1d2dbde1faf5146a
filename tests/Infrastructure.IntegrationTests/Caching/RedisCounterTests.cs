using CleanBot.Infrastructure.IntegrationTests.Redis;

namespace CleanBot.Infrastructure.IntegrationTests.Caching;

/// <summary>Counters on a real Redis, shared by two bot instances. Skipped without <c>CLEANBOT_TEST_REDIS</c>.</summary>
public sealed class RedisCounterTests
{
    private readonly string _prefix = RedisTestServer.NewPrefix();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_count_into_one_counter_and_every_concurrent_increment_is_counted()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var first = RedisTestServer.Instance(endpoint, _prefix);
        await using var second = RedisTestServer.Instance(endpoint, _prefix);

        await Parallel.ForAsync(0, 400, Ct, async (index, token) =>
            await (index % 2 == 0 ? first : second).Cache().IncrementAsync("rate:42:1", 1, TimeSpan.FromMinutes(1), token));

        (await first.Cache().IncrementAsync("rate:42:1", 1, TimeSpan.FromMinutes(1), Ct)).Should().Be(401);
        (await second.Cache().GetCounterAsync("rate:42:1", Ct)).Should().Be(401);
    }

    [Fact]
    public async Task The_counter_carries_the_prefix_and_keeps_the_expiry_it_was_created_with()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var instance = RedisTestServer.Instance(endpoint, _prefix);
        await using var redis = await RedisTestServer.ConnectAsync();

        await instance.Cache().IncrementAsync("rate:42:1", 1, TimeSpan.FromSeconds(30), Ct);
        await instance.Cache().IncrementAsync("rate:42:1", 1, TimeSpan.FromHours(1), Ct);

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"{_prefix}rate:42:1");
        ttl.Should().NotBeNull();
        ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30), "a later increment must not extend the window");
        ((long)await redis.GetDatabase().StringGetAsync($"{_prefix}rate:42:1")).Should().Be(2);
    }

    [Fact]
    public async Task An_absent_counter_reads_as_null_and_is_set_only_when_absent()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var instance = RedisTestServer.Instance(endpoint, _prefix);
        var cache = instance.Cache();

        (await cache.GetCounterAsync("tokens:42:20261125", Ct)).Should().BeNull();
        await cache.SetCounterIfAbsentAsync("tokens:42:20261125", 500, TimeSpan.FromMinutes(1), Ct);
        await cache.IncrementAsync("tokens:42:20261125", 10, TimeSpan.FromMinutes(1), Ct);
        await cache.SetCounterIfAbsentAsync("tokens:42:20261125", 0, TimeSpan.FromMinutes(1), Ct);

        (await cache.GetCounterAsync("tokens:42:20261125", Ct)).Should().Be(510);
    }

    [Fact]
    public async Task A_removed_counter_starts_again_from_zero()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var instance = RedisTestServer.Instance(endpoint, _prefix);
        var cache = instance.Cache();
        await cache.IncrementAsync("access:refused:99", 1, TimeSpan.FromMinutes(1), Ct);

        await cache.RemoveAsync("access:refused:99", Ct);

        (await cache.IncrementAsync("access:refused:99", 1, TimeSpan.FromMinutes(1), Ct)).Should().Be(1);
    }
}
