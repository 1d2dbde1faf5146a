using CleanBot.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace CleanBot.Infrastructure.IntegrationTests.Caching;

public sealed class MemoryCacheAdapterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryCache _memory;
    private readonly MemoryCacheAdapter _cache;

    public MemoryCacheAdapterTests()
    {
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10, Clock = new TimeProviderClock(_time) });
        _cache = new MemoryCacheAdapter(_memory);
    }

    [Fact]
    public async Task A_value_is_read_back_until_it_expires()
    {
        await _cache.SetAsync("k", new Entry("v"), TimeSpan.FromMinutes(1), CancellationToken.None);

        (await _cache.GetAsync<Entry>("k", CancellationToken.None)).Should().Be(new Entry("v"));
        _time.Advance(TimeSpan.FromMinutes(2));
        (await _cache.GetAsync<Entry>("k", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_removed_value_is_gone()
    {
        await _cache.SetAsync("k", new Entry("v"), TimeSpan.FromMinutes(1), CancellationToken.None);

        await _cache.RemoveAsync("k", CancellationToken.None);

        (await _cache.GetAsync<Entry>("k", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_value_of_another_type_reads_as_missing()
    {
        await _cache.SetAsync("k", new Entry("v"), TimeSpan.FromMinutes(1), CancellationToken.None);

        (await _cache.GetAsync<string>("k", CancellationToken.None)).Should().BeNull();
    }

    public void Dispose() => _memory.Dispose();

    private sealed record Entry(string Value);

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions.Clock takes.
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
