using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Infrastructure.Ai.Gemini;
using CleanBot.Infrastructure.Caching;
using CleanBot.Infrastructure.Locking;
using CleanBot.Infrastructure.Persistence;
using CleanBot.Infrastructure.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The adapters behind the application's ports, chosen by configuration.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPersistence(configuration);
        services.AddGeminiChatModel(configuration);
        services.AddCacheAndLocks(RedisSettings.From(configuration));
        return services;
    }

    private static void AddCacheAndLocks(this IServiceCollection services, RedisSettings settings)
    {
        services.AddSingleton<InProcessChatLock>();
        var connection = settings.UseRedisCache || settings.UseRedisLocks ? new RedisConnection(settings.ConnectionString!) : null;
        if (connection is not null)
        {
            services.AddSingleton(settings);
            services.AddSingleton(_ => connection); // a factory registration, so the container disposes it
        }

        if (settings.UseRedisCache)
        {
            services.AddStackExchangeRedisCache(options =>
            {
                options.InstanceName = settings.KeyPrefix;
                options.ConnectionMultiplexerFactory = connection!.GetAsync;
            });
            services.AddSingleton<ICache, ResilientRedisCache>();
        }
        else
        {
            services.AddMemoryCache(options => options.SizeLimit = 100_000);
            services.AddSingleton<ICache, MemoryCacheAdapter>();
        }

        if (settings.UseRedisLocks)
        {
            services.AddSingleton<IChatLock, RedisChatLock>();
        }
        else
        {
            services.AddSingleton<IChatLock>(provider => provider.GetRequiredService<InProcessChatLock>());
        }
    }
}
