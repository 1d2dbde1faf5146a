using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Infrastructure.Ai.Gemini;
using CleanBot.Infrastructure.Caching;
using CleanBot.Infrastructure.Locking;
using CleanBot.Infrastructure.Persistence;
using CleanBot.Infrastructure.Redis;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanBot.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The adapters behind the application's ports, chosen by configuration.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = RedisSettings.From(configuration);
        services.AddPersistence(configuration, soleWriter: !redis.UseRedisLocks);
        services.AddGeminiChatModel(configuration);
        services.AddCacheAndLocks(redis, configuration);
        return services;
    }

    private static void AddCacheAndLocks(this IServiceCollection services, RedisSettings settings, IConfiguration configuration)
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
            services.AddOptions<MemoryCacheSettings>()
                .Bind(configuration.GetSection(MemoryCacheSettings.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddMemoryCache();
            services.AddOptions<MemoryCacheOptions>()
                .Configure<IOptions<MemoryCacheSettings>>((cache, bound) => cache.SizeLimit = bound.Value.MemoryEntries);
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
