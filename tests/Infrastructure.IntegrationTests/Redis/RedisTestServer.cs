using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Locking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanBot.Infrastructure.IntegrationTests.Redis;

/// <summary>
/// The Redis server that <c>CLEANBOT_TEST_REDIS</c> (host:port) points at. Without it the tests that need it report
/// themselves skipped. Each test gets its own key prefix, so tests never see each other's keys.
/// </summary>
internal static class RedisTestServer
{
    public const string Variable = "CLEANBOT_TEST_REDIS";

    public static string Endpoint
    {
        get
        {
            var endpoint = Environment.GetEnvironmentVariable(Variable);
            Assert.SkipWhen(string.IsNullOrWhiteSpace(endpoint), $"{Variable} is not set: give it a Redis host:port to run this test.");
            return endpoint!;
        }
    }

    public static string NewPrefix() => $"cleanbot-test:{Guid.NewGuid():N}:";

    /// <summary>The services of one bot instance, as the composition root builds them, on the given Redis.</summary>
    public static ServiceProvider Instance(string connectionString, string prefix, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:Provider"] = "Redis",
            ["Cache:KeyPrefix"] = prefix,
            ["ConnectionStrings:Redis"] = connectionString,
            ["Gemini:ApiKey"] = "unused",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    public static async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Endpoint);

    public static ICache Cache(this IServiceProvider services) => services.GetRequiredService<ICache>();

    public static IChatLock ChatLock(this IServiceProvider services) => services.GetRequiredService<IChatLock>();
}
