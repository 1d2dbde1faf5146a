using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Common.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Common.Access;

/// <summary>
/// The allow-list. A person who is not on it is told once, politely, and then ignored for <see cref="RefusalMemory"/>,
/// so a stranger who keeps writing does not get an answer to every message. The refusal comes before any handler,
/// so nothing about them is stored.
/// </summary>
public sealed partial class AccessGate(IOptions<AccessOptions> options, ICache cache, ILogger<AccessGate> logger)
{
    public static readonly TimeSpan RefusalMemory = TimeSpan.FromHours(24);

    private readonly AccessOptions _options = options.Value;

    public static string RefusalsKey(long userId) => $"access:refused:{userId}";

    /// <returns>Null when the person may go on; otherwise why not, or that they have already been told.</returns>
    public async ValueTask<Rejection?> CheckAsync(long userId, CancellationToken cancellationToken)
    {
        if (_options.IsAllowed(userId))
        {
            return null;
        }

        // Counted rather than set: of several messages arriving at once, on any instance, exactly one is answered.
        // A cache that cannot count (null) means telling again rather than never.
        var refusals = await cache.IncrementAsync(RefusalsKey(userId), 1, RefusalMemory, cancellationToken);
        if (refusals > 1)
        {
            return new Rejection(RejectionCodes.AlreadyTold);
        }

        LogRefused(logger, userId);
        return new Rejection(RejectionCodes.AccessDenied);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is not on the allow-list: told once, ignored for a day")]
    private static partial void LogRefused(ILogger logger, long userId);
}
