using CleanBot.Infrastructure.Persistence.Sessions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanBot.Infrastructure.IntegrationTests.Caching;

public sealed class MemoryCacheBoundTests
{
    [Fact]
    public void The_memory_cache_keeps_10_000_entries_unless_configured()
    {
        using var services = Services();

        services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value.SizeLimit.Should().Be(10_000);
    }

    [Fact]
    public void Cache_MemoryEntries_bounds_the_memory_cache()
    {
        using var services = Services(("Cache:MemoryEntries", "250"));

        services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value.SizeLimit.Should().Be(250);
    }

    [Fact]
    public void A_bound_below_100_is_refused()
    {
        using var services = Services(("Cache:MemoryEntries", "5"));

        var resolving = () => services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value;

        resolving.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("MemoryEntries");
    }

    [Fact]
    public void Sessions_are_kept_in_memory_with_chat_locks_in_process_only()
    {
        using var single = Services();
        using var several = Services(("Locks:Provider", "Redis"), ("ConnectionStrings:Redis", "127.0.0.1:1"));

        single.GetRequiredService<ActiveSessionCache>().MaxBytes.Should().BePositive();
        several.GetRequiredService<ActiveSessionCache>().MaxBytes.Should().Be(0, "another instance may write the same conversations");
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
            .AddInMemoryCollection([KeyValuePair.Create("Gemini:ApiKey", (string?)"unused")])
            .Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }
}
