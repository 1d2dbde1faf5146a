using System.Net;
using System.Net.Sockets;
using CleanBot.Application.Common.Users;
using CleanBot.Domain.Users;

namespace CleanBot.Infrastructure.IntegrationTests.Redis;

/// <summary>Redis configured but not there: the bot must keep answering, without a cache and with local locks.
/// These tests need no Redis server, so they always run.</summary>
public sealed class RedisUnavailableTests
{
    [Fact]
    public async Task The_cache_degrades_to_no_cache_and_says_so_once()
    {
        var logs = new CapturedLogs();
        await using var instance = RedisTestServer.Instance(ClosedEndpoint(), RedisTestServer.NewPrefix(), logs);
        var snapshot = new UserSnapshot(1, null, "Sara", null, Language.English, null, Persona.Assistant, DateTimeOffset.UnixEpoch);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await instance.Cache().SetAsync("user:1", snapshot, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            (await instance.Cache().GetAsync<UserSnapshot>("user:1", TestContext.Current.CancellationToken)).Should().BeNull();
        }

        logs.Entries.Count(line => line.Contains("Redis cache is unavailable", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Counters_read_as_unknown_so_limits_let_requests_through_and_it_is_said_once()
    {
        var logs = new CapturedLogs();
        await using var instance = RedisTestServer.Instance(ClosedEndpoint(), RedisTestServer.NewPrefix(), logs);
        var cache = instance.Cache();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await cache.IncrementAsync("rate:1:1", 1, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).Should().BeNull();
            (await cache.GetCounterAsync("tokens:1:20261125", TestContext.Current.CancellationToken)).Should().BeNull();
            await cache.SetCounterIfAbsentAsync("tokens:1:20261125", 5, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        logs.Entries.Count(line => line.Contains("Redis cache is unavailable", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task The_chat_lock_still_serialises_a_chat_within_the_instance()
    {
        var logs = new CapturedLogs();
        await using var instance = RedisTestServer.Instance(ClosedEndpoint(), RedisTestServer.NewPrefix(), logs);
        var chatLock = instance.ChatLock();

        var first = await chatLock.AcquireAsync(5, TestContext.Current.CancellationToken);
        var second = chatLock.AcquireAsync(5, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(100, TestContext.Current.CancellationToken);

        second.IsCompleted.Should().BeFalse();
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).DisposeAsync();
        logs.Entries.Count(line => line.Contains("Redis locks are unavailable", StringComparison.Ordinal)).Should().Be(1);
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static string ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}
