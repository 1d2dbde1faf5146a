using CleanBot.Application.Abstractions.Locking;
using CleanBot.Infrastructure.Redis;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CleanBot.Infrastructure.Locking;

/// <summary>
/// Holds a chat across every bot instance that shares one Redis: first the in-process gate (so callers of this
/// process queue in order without polling Redis), then a Redis lease (DistributedLock.Redis: SET NX with an owner
/// token and an expiry, renewed while held, released only by its owner). A crashed instance's lease expires by
/// itself. If Redis is unreachable the chat is still serialised within this process, and that is logged once.
/// </summary>
internal sealed partial class RedisChatLock(
    RedisConnection connection,
    InProcessChatLock local,
    RedisSettings settings,
    ILogger<RedisChatLock> logger) : IChatLock
{
    /// <summary>How long a lease lives without renewal: the bound on how long a crashed instance blocks a chat.</summary>
    public static readonly TimeSpan LeaseExpiry = TimeSpan.FromSeconds(30);

    private int _unavailable;

    public bool SpansInstances => true;

    public async ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken)
    {
        var held = await local.AcquireAsync(chatId, cancellationToken);
        try
        {
            var lease = await TryLeaseAsync(chatId, cancellationToken);
            return lease is null ? held : new Both(lease, held, this);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    private async Task<IAsyncDisposable?> TryLeaseAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            var database = (await connection.GetAsync()).GetDatabase();
            var redisLock = new RedisDistributedLock(
                $"{settings.KeyPrefix}lock:chat:{chatId}",
                database,
                options => options
                    .Expiry(LeaseExpiry)
                    .ExtensionCadence(LeaseExpiry / 3)
                    .BusyWaitSleepTime(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200)));
            var handle = await redisLock.AcquireAsync(timeout: null, cancellationToken);
            if (Interlocked.Exchange(ref _unavailable, 0) == 1)
            {
                LogRecovered(logger);
            }

            return handle;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Unavailable(exception);
            return null;
        }
    }

    /// <summary>Redis unreachable or gone mid-call; releasing a lease reports it wrapped in an AggregateException.</summary>
    private static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(IsRedisFailure));

    private void Unavailable(Exception exception)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            LogUnavailable(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis locks are unavailable ({Reason}); chats are serialised within this instance only until Redis is back")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis locks are available again")]
    private static partial void LogRecovered(ILogger logger);

    private sealed class Both(IAsyncDisposable lease, IAsyncDisposable held, RedisChatLock owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await lease.DisposeAsync();
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                // Redis went away while the chat was held: the work is done, and the lease expires by itself.
                owner.Unavailable(exception);
            }
            finally
            {
                await held.DisposeAsync();
            }
        }
    }
}
