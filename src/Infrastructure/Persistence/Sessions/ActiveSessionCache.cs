using CleanBot.Domain.Conversations;
using Microsoft.Extensions.Caching.Memory;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// Keeps active sessions with their newest messages in this process, so that a conversation's next turn is not read
/// back from the database: that read (two statements) was about an eighth of the bot's CPU per update
/// (docs/performance-history.md). Sound only while this process is the only one writing conversations, that is with
/// chat locks in process; with several instances (Redis locks) it is off.
/// </summary>
/// <remarks>
/// A session is taken out of the cache when it is handed to a request, and put back only after that request's save
/// succeeds. So a failed save or a write elsewhere can cost a database read, never serve an outdated session. The bound
/// is in approximate bytes; past it the least recently used go first, and an idle conversation leaves after
/// <see cref="IdleTime"/>, so a bot at rest gives the memory back.
/// </remarks>
internal sealed class ActiveSessionCache : IDisposable
{
    private static readonly TimeSpan IdleTime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache? _sessions;

    /// <param name="maxBytes">The bound; 0 turns the cache off.</param>
    public ActiveSessionCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
        _sessions = maxBytes == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = maxBytes });
    }

    /// <summary>The bound in approximate bytes; 0 when the cache is off.</summary>
    public long MaxBytes { get; }

    /// <summary>
    /// The cached active session of the user in the chat with at most <paramref name="recentMessages"/> of its newest
    /// messages, taken out of the cache; null when it is not cached with that many.
    /// </summary>
    public Session? Take(long chatId, long userId, int recentMessages)
    {
        if (_sessions is null)
        {
            return null;
        }

        var key = new SessionKey(chatId, userId);
        if (!_sessions.TryGetValue(key, out CachedSession? cached) || cached is null)
        {
            return null;
        }

        _sessions.Remove(key);
        return cached.Serves(recentMessages) ? cached.Restore(recentMessages) : null;
    }

    /// <summary>Keeps a session that was just saved; an ended one is not kept.</summary>
    /// <param name="recentMessages">How many of its newest messages were loaded with it.</param>
    /// <param name="holdsAll">Whether it was loaded with every message it had.</param>
    public void Keep(Session session, int recentMessages, bool holdsAll)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_sessions is null || !session.IsActive)
        {
            return;
        }

        var cached = CachedSession.Of(session, recentMessages, holdsAll);
        using var entry = _sessions.CreateEntry(new SessionKey(session.ChatId, session.UserId));
        entry.Value = cached;
        entry.Size = cached.ApproximateBytes;
        entry.SlidingExpiration = IdleTime;
    }

    public void Dispose() => _sessions?.Dispose();

    private readonly record struct SessionKey(long ChatId, long UserId);
}
