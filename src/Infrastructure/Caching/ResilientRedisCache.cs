using System.Text.Json;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Infrastructure.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanBot.Infrastructure.Caching;

/// <summary>
/// The cache port over Redis (through <see cref="IDistributedCache"/>), shared by every bot instance. When Redis is
/// unreachable the bot runs without a cache: a read is a miss and a write is skipped. That is logged once when it
/// starts and once when Redis is back, not for every message. Counters are plain Redis integers under the same key
/// prefix, changed by INCRBY; while Redis is away a counter reads as absent and an increment as unknown, so limits
/// built on them let requests through rather than block every user.
/// </summary>
internal sealed partial class ResilientRedisCache(
    IDistributedCache redis,
    RedisConnection connection,
    RedisSettings settings,
    ILogger<ResilientRedisCache> logger) : ICache
{
    // INCRBY and the first expiry in one atomic round trip; an existing expiry is left alone (a fixed window).
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if redis.call('PTTL', KEYS[1]) == -1 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return count
        """;

    private int _unavailable;

    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var bytes = await redis.GetAsync(key, cancellationToken);
            Recovered();
            return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Failed(exception);
            return null;
        }
    }

    public async ValueTask SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var options = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive };
            await redis.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value), options, cancellationToken);
            Recovered();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Failed(exception);
        }
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await redis.RemoveAsync(key, cancellationToken);
            Recovered();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // A stale entry another instance could read: it expires with its time to live.
            Failed(exception);
        }
    }

    public async ValueTask<long?> IncrementAsync(string key, long amount, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            var database = (await connection.GetAsync()).GetDatabase();
            var count = await database.ScriptEvaluateAsync(
                IncrementScript, [Key(key)], [amount, (long)Math.Ceiling(timeToLive.TotalMilliseconds)]);
            Recovered();
            return (long)count;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Failed(exception);
            return null;
        }
    }

    public async ValueTask<long?> GetCounterAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var database = (await connection.GetAsync()).GetDatabase();
            var count = (long?)await database.StringGetAsync(Key(key));
            Recovered();
            return count;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Failed(exception);
            return null;
        }
    }

    public async ValueTask SetCounterIfAbsentAsync(string key, long count, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            var database = (await connection.GetAsync()).GetDatabase();
            await database.StringSetAsync(Key(key), count, timeToLive, When.NotExists);
            Recovered();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Failed(exception);
        }
    }

    /// <summary>The same prefix <see cref="IDistributedCache"/> puts on its keys, so one bot's keys stay together.</summary>
    private RedisKey Key(string key) => settings.KeyPrefix + key;

    private static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    private void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            LogUnavailable(logger, exception.GetType().Name);
        }
    }

    private void Recovered()
    {
        if (Volatile.Read(ref _unavailable) == 1 && Interlocked.Exchange(ref _unavailable, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cache is unavailable ({Reason}); running without a cache until it is back")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis cache is available again")]
    private static partial void LogRecovered(ILogger logger);
}
