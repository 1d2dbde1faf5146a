using Microsoft.Extensions.Configuration;

namespace CleanBot.Infrastructure.Redis;

/// <summary>Which cache and lock to use, read from configuration: <c>Cache:Provider</c> (Memory or Redis),
/// <c>Locks:Provider</c> (InProcess or Redis; defaults to Redis when the cache is Redis), <c>ConnectionStrings:Redis</c>
/// and <c>Cache:KeyPrefix</c>, which keeps several bots apart on one Redis server.</summary>
internal sealed record RedisSettings(bool UseRedisCache, bool UseRedisLocks, string? ConnectionString, string KeyPrefix)
{
    public const string DefaultKeyPrefix = "cleanbot:";

    public static RedisSettings From(IConfiguration configuration)
    {
        var cache = Choice(configuration, "Cache:Provider", "Memory", "Redis");
        var locks = Choice(configuration, "Locks:Provider", "InProcess", "Redis") ?? cache;
        var connectionString = configuration.GetConnectionString("Redis");
        var settings = new RedisSettings(
            UseRedisCache: cache == "Redis",
            UseRedisLocks: locks == "Redis",
            ConnectionString: connectionString,
            KeyPrefix: configuration["Cache:KeyPrefix"] is { Length: > 0 } prefix ? prefix : DefaultKeyPrefix);
        if ((settings.UseRedisCache || settings.UseRedisLocks) && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Setting ConnectionStrings__Redis is required when Cache__Provider or Locks__Provider is Redis.");
        }

        return settings;
    }

    /// <summary>The canonical spelling of the configured choice, null when unset.</summary>
    private static string? Choice(IConfiguration configuration, string key, string first, string second)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Equals(first, StringComparison.OrdinalIgnoreCase) ? first
            : value.Equals(second, StringComparison.OrdinalIgnoreCase) ? second
            : throw new InvalidOperationException($"Setting {key.Replace(":", "__", StringComparison.Ordinal)} is '{value}': use {first} or {second}.");
    }
}
