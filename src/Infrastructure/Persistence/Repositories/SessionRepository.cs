using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Persistence.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Repositories;

/// <summary>
/// Sessions of one request. With a <see cref="IStoredSessionWriter"/> (SQLite), a stored session is handed out untracked
/// and its turn is written by the writer; otherwise EF tracks it and <c>SaveChanges</c> writes it.
/// </summary>
/// <typeparam name="TContext">The provider's context: a compiled query serves one model only (EF throws on another),
/// so each provider gets its own.</typeparam>
internal sealed class SessionRepository<TContext>(RequestDbContext<TContext> request, ActiveSessionCache cache, IStoredSessionWriter? writer = null)
    : ISessionRepository
    where TContext : BotDbContext
{
    private List<HandedOut>? _handedOut;

    // Both reads are compiled once and untracked (see TrackWithoutHistory). The newest active session wins should a
    // provider without a partial unique index (MySQL) ever hold two.
    private static readonly Func<TContext, long, long, CancellationToken, Task<Session?>> ActiveSession =
        EF.CompileAsyncQuery((TContext db, long chatId, long userId, CancellationToken cancellationToken) =>
            db.Sessions
                .AsNoTracking()
                .Where(session => session.ChatId == chatId && session.UserId == userId && session.EndedAt == null)
                .OrderByDescending(session => session.Id)
                .FirstOrDefault());

    // Newest first, through the (SessionId, Id) index; FindActiveAsync puts them back in order. A second statement
    // rather than one join with the session: the join repeated the session's columns on each of up to 40 rows and
    // materialised a session per row; the two statements take about a fifth less CPU per update on SQLite in the bench
    // (docs/performance-history.md), for one more round trip on MySQL.
    private static readonly Func<TContext, long, int, IAsyncEnumerable<Message>> NewestMessages =
        EF.CompileAsyncQuery((TContext db, long sessionId, int max) =>
            db.Messages
                .AsNoTracking()
                .Where(message => message.SessionId == sessionId)
                .OrderByDescending(message => message.Id)
                .Take(max));

    // A session idle since before `since` has no message after it: the filter on LastActivityAt keeps the join to the
    // few sessions of the user active in the period, found through the UserId index.
    private static readonly Func<TContext, long, DateTimeOffset, CancellationToken, Task<long>> TokensUsedSince =
        EF.CompileAsyncQuery((TContext db, long userId, DateTimeOffset since, CancellationToken cancellationToken) =>
            db.Sessions
                .Where(session => session.UserId == userId && session.LastActivityAt >= since)
                .SelectMany(session => session.Messages)
                .Where(message => message.CreatedAt >= since)
                .Sum(message => (long)(message.InputTokens ?? 0) + (message.OutputTokens ?? 0)));

    public async Task<Session?> FindActiveAsync(long chatId, long userId, int recentMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recentMessages);
        var session = cache.Take(chatId, userId, recentMessages) ?? await ReadActiveAsync(chatId, userId, recentMessages, cancellationToken);
        if (session is not null)
        {
            var holdsAll = session.Messages.Count < recentMessages;
            if (writer is null)
            {
                TrackWithoutHistory(session);
            }

            (_handedOut ??= []).Add(new HandedOut(session, recentMessages, holdsAll) { Stored = writer is null ? null : StoredState.Of(session) });
        }

        return session;
    }

    public void Add(Session session) => request.Context.Sessions.Add(session);

    public Task<long> TokensUsedSinceAsync(long userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        TokensUsedSince(request.Context, userId, since, cancellationToken);

    /// <summary>
    /// Puts the sessions this request was given back into the cache, as the save that has just succeeded stored them.
    /// A new session is not cached: it is read once on its second turn, so one-off conversations take no room.
    /// </summary>
    internal void KeepSaved()
    {
        if (_handedOut is null)
        {
            return;
        }

        foreach (var handedOut in _handedOut)
        {
            // Loaded without history (to end it, say), it cannot tell which messages are the newest.
            if (handedOut.RecentMessages > 0)
            {
                cache.Keep(handedOut.Session, handedOut.RecentMessages, handedOut.HoldsAll);
            }
        }
    }

    /// <summary>What the request changed in the sessions it was handed untracked; null when nothing.</summary>
    internal List<StoredSessionChanges>? UntrackedChanges()
    {
        List<StoredSessionChanges>? changes = null;
        foreach (var handedOut in _handedOut ?? [])
        {
            if (handedOut.Stored is { } stored && stored.DiffersFrom(handedOut.Session))
            {
                var session = handedOut.Session;
                (changes ??= []).Add(new StoredSessionChanges(session, stored.MessageCount, Ended: session.EndedAt != stored.EndedAt));
            }
        }

        return changes;
    }

    /// <summary>The writer has stored the changes: a later save of the same request writes only what comes after.</summary>
    internal void Written()
    {
        foreach (var handedOut in _handedOut ?? [])
        {
            if (handedOut.Stored is not null)
            {
                handedOut.Stored = StoredState.Of(handedOut.Session);
            }
        }
    }

    /// <summary>
    /// Hands the changed sessions given out untracked to EF, with what the request changed in them, so that
    /// <c>SaveChanges</c> writes them in the same transaction as the request's other changes.
    /// </summary>
    internal void Track()
    {
        foreach (var handedOut in _handedOut ?? [])
        {
            if (handedOut.Stored is not { } stored || !stored.DiffersFrom(handedOut.Session))
            {
                continue;
            }

            var session = handedOut.Session;
            TrackWithoutHistory(session);
            var entry = request.Context.Entry(session);
            entry.Property(tracked => tracked.LastActivityAt).OriginalValue = stored.LastActivityAt;
            entry.Property(tracked => tracked.EndedAt).OriginalValue = stored.EndedAt;
            for (var index = stored.MessageCount; index < session.Messages.Count; index++)
            {
                // The list's snapshot, taken just now, holds the new messages too: they are added one by one.
                StoredMessageKeys.SetSessionId(session.Messages[index], session.Id);
                request.Context.Entry(session.Messages[index]).State = EntityState.Added;
            }

            handedOut.Stored = null;
        }
    }

    private async Task<Session?> ReadActiveAsync(long chatId, long userId, int recentMessages, CancellationToken cancellationToken)
    {
        var dbContext = request.Context;

        // One open for both statements: EF otherwise opens and closes the connection around each, and on SQLite every
        // open registers EF's functions with the connection again.
        await dbContext.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var active = await ActiveSession(dbContext, chatId, userId, cancellationToken);
            if (active is null)
            {
                return null;
            }

            if (recentMessages > 0)
            {
                var newestFirst = new List<Message>(recentMessages);
                await foreach (var message in NewestMessages(dbContext, active.Id, recentMessages).WithCancellation(cancellationToken))
                {
                    newestFirst.Add(message);
                }

                newestFirst.Reverse();
                active.LoadHistory(newestFirst);
            }

            return active;
        }
        finally
        {
            await dbContext.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Tracks the session but not the stored messages loaded with it: they are never changed, and tracking dozens of
    /// them per update (snapshots on reading, a comparison each on saving) was most of the cost of a conversation turn's
    /// two database round trips. Setting the state tracks this one entity, not its graph. The session's message list is
    /// snapshotted with the history in it, so on saving only the messages added since are new, and they are inserted.
    /// </summary>
    private void TrackWithoutHistory(Session session) => request.Context.Entry(session).State = EntityState.Unchanged;

    /// <param name="HoldsAll">Fewer messages were found than asked for: the session was loaded with all of them.</param>
    private sealed record HandedOut(Session Session, int RecentMessages, bool HoldsAll)
    {
        /// <summary>The session as stored, while it is not tracked by EF; null when it is.</summary>
        public StoredState? Stored { get; set; }
    }

    /// <summary>What is stored of an untracked session: its first <see cref="MessageCount"/> messages and its activity.</summary>
    private sealed record StoredState(int MessageCount, DateTimeOffset LastActivityAt, DateTimeOffset? EndedAt)
    {
        public static StoredState Of(Session session) => new(session.Messages.Count, session.LastActivityAt, session.EndedAt);

        public bool DiffersFrom(Session session) =>
            session.Messages.Count != MessageCount || session.LastActivityAt != LastActivityAt || session.EndedAt != EndedAt;
    }
}
