using CleanBot.Application.Common.Users;
using CleanBot.Domain.Users;

namespace CleanBot.Infrastructure.IntegrationTests.Redis;

public sealed class RedisCacheTests
{
    private static readonly UserSnapshot Maryam =
        new(43, "maryam", "مریم 🌷", null, Language.Persian, Language.English, Persona.Translator, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private readonly string _prefix = RedisTestServer.NewPrefix();

    [Fact]
    public async Task A_value_written_by_one_instance_is_read_by_another_with_persian_text_intact()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var first = RedisTestServer.Instance(endpoint, _prefix);
        await using var second = RedisTestServer.Instance(endpoint, _prefix);

        await first.Cache().SetAsync("user:43", Maryam, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        (await second.Cache().GetAsync<UserSnapshot>("user:43", TestContext.Current.CancellationToken)).Should().Be(Maryam);
    }

    [Fact]
    public async Task A_removal_by_one_instance_is_seen_by_the_other()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var first = RedisTestServer.Instance(endpoint, _prefix);
        await using var second = RedisTestServer.Instance(endpoint, _prefix);
        await first.Cache().SetAsync("user:43", Maryam, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        await second.Cache().RemoveAsync("user:43", TestContext.Current.CancellationToken);

        (await first.Cache().GetAsync<UserSnapshot>("user:43", TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task Keys_carry_the_prefix_and_expire()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var instance = RedisTestServer.Instance(endpoint, _prefix);
        await using var redis = await RedisTestServer.ConnectAsync();

        await instance.Cache().SetAsync("user:43", Maryam, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"{_prefix}user:43");
        ttl.Should().NotBeNull();
        ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Different_prefixes_keep_bots_apart()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var one = RedisTestServer.Instance(endpoint, _prefix);
        await using var other = RedisTestServer.Instance(endpoint, RedisTestServer.NewPrefix());

        await one.Cache().SetAsync("user:43", Maryam, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        (await other.Cache().GetAsync<UserSnapshot>("user:43", TestContext.Current.CancellationToken)).Should().BeNull();
    }
}
