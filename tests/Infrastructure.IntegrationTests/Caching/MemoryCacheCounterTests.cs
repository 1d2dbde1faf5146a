using CleanBot.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace CleanBot.Infrastructure.IntegrationTests.Caching;

public sealed class MemoryCacheCounterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryCache _memory;
    private readonly MemoryCacheAdapter _cache;

    public MemoryCacheCounterTests()
    {
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100, Clock = new TimeProviderClock(_time) });
        _cache = new MemoryCacheAdapter(_memory);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_increment_creates_the_counter_and_returns_each_new_count()
    {
        (await _cache.GetCounterAsync("c", Ct)).Should().BeNull();

        (await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), Ct)).Should().Be(1);
        (await _cache.IncrementAsync("c", 41, TimeSpan.FromMinutes(1), Ct)).Should().Be(42);
        (await _cache.GetCounterAsync("c", Ct)).Should().Be(42);
    }

    [Fact]
    public async Task The_time_to_live_is_set_when_the_counter_is_created_and_increments_do_not_extend_it()
    {
        await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), Ct);
        _time.Advance(TimeSpan.FromSeconds(40));
        await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), Ct);
        _time.Advance(TimeSpan.FromSeconds(30));

        (await _cache.GetCounterAsync("c", Ct)).Should().BeNull("the window that began with the first increment is over");
        (await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_increments_are_all_counted()
    {
        await Parallel.ForAsync(0, 2_000, Ct, async (_, token) => await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), token));

        (await _cache.GetCounterAsync("c", Ct)).Should().Be(2_000);
    }

    [Fact]
    public async Task A_counter_is_set_only_when_absent()
    {
        await _cache.SetCounterIfAbsentAsync("c", 500, TimeSpan.FromMinutes(1), Ct);
        await _cache.IncrementAsync("c", 10, TimeSpan.FromMinutes(1), Ct);
        await _cache.SetCounterIfAbsentAsync("c", 0, TimeSpan.FromMinutes(1), Ct);

        (await _cache.GetCounterAsync("c", Ct)).Should().Be(510);
    }

    [Fact]
    public async Task A_removed_counter_starts_again_from_zero()
    {
        await _cache.IncrementAsync("c", 5, TimeSpan.FromMinutes(1), Ct);

        await _cache.RemoveAsync("c", Ct);

        (await _cache.GetCounterAsync("c", Ct)).Should().BeNull();
        (await _cache.IncrementAsync("c", 1, TimeSpan.FromMinutes(1), Ct)).Should().Be(1);
    }

    public void Dispose() => _memory.Dispose();

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions.Clock takes.
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
