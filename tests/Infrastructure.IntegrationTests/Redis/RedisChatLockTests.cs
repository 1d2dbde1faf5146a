using System.Diagnostics;
using CleanBot.Infrastructure.Locking;
using StackExchange.Redis;

namespace CleanBot.Infrastructure.IntegrationTests.Redis;

/// <summary>The per-chat lock across bot instances: each instance is its own service provider with its own Redis
/// connection, as two processes would be.</summary>
public sealed class RedisChatLockTests
{
    private const long ChatId = 4242;

    private readonly string _prefix = RedisTestServer.NewPrefix();

    private string LockKey => $"{_prefix}lock:chat:{ChatId}";

    [Fact]
    public async Task Two_instances_never_hold_one_chat_at_once()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var first = RedisTestServer.Instance(endpoint, _prefix);
        await using var second = RedisTestServer.Instance(endpoint, _prefix);
        var inside = 0;
        var maxInside = 0;
        var entries = 0;

        var workers = Enumerable.Range(0, 40).Select(async index =>
        {
            var instance = index % 2 == 0 ? first : second;
            await using var held = await instance.ChatLock().AcquireAsync(ChatId, TestContext.Current.CancellationToken);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(2, TestContext.Current.CancellationToken);
            Interlocked.Increment(ref entries);
            Interlocked.Decrement(ref inside);
        });
        await Task.WhenAll(workers);

        entries.Should().Be(40);
        maxInside.Should().Be(1);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_instance_expires_by_itself()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var redis = await RedisTestServer.ConnectAsync();
        // What a crashed holder leaves behind: its owner token under the chat's key, with the expiry it set.
        (await redis.GetDatabase().StringSetAsync(LockKey, "crashed-owner", TimeSpan.FromSeconds(1), When.NotExists)).Should().BeTrue();
        await using var survivor = RedisTestServer.Instance(endpoint, _prefix);

        var waited = Stopwatch.StartNew();
        await using var held = await survivor.ChatLock().AcquireAsync(ChatId, TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        waited.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(500));
        (await redis.GetDatabase().StringGetAsync(LockKey)).ToString().Should().NotBe("crashed-owner");
    }

    [Fact]
    public async Task A_lease_is_renewed_while_work_runs_and_expires_only_after_release()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var instance = RedisTestServer.Instance(endpoint, _prefix);

        var held = await instance.ChatLock().AcquireAsync(ChatId, TestContext.Current.CancellationToken);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(LockKey);
        await held.DisposeAsync();

        ttl.Should().NotBeNull();
        ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(RedisChatLock.LeaseExpiry);
        (await redis.GetDatabase().KeyExistsAsync(LockKey)).Should().BeFalse();
    }

    [Fact]
    public async Task A_release_by_a_former_owner_does_not_free_the_new_owners_lease()
    {
        var endpoint = RedisTestServer.Endpoint;
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var stalled = RedisTestServer.Instance(endpoint, _prefix);
        await using var other = RedisTestServer.Instance(endpoint, _prefix);

        var stalledLease = await stalled.ChatLock().AcquireAsync(ChatId, TestContext.Current.CancellationToken);
        // The stalled owner's lease runs out (as after a long pause) and the other instance takes the chat.
        await redis.GetDatabase().KeyDeleteAsync(LockKey);
        await using var otherLease = await other.ChatLock().AcquireAsync(ChatId, TestContext.Current.CancellationToken)
            .AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var newOwner = (await redis.GetDatabase().StringGetAsync(LockKey)).ToString();

        await stalledLease.DisposeAsync();

        (await redis.GetDatabase().StringGetAsync(LockKey)).ToString().Should().Be(newOwner).And.NotBeNullOrEmpty();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
