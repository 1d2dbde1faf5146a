using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Repositories;

/// <typeparam name="TContext">The provider's context: a compiled query serves one model only (EF throws on another),
/// so each provider gets its own.</typeparam>
internal sealed class SessionRepository<TContext>(TContext dbContext) : ISessionRepository
    where TContext : BotDbContext
{
    // Both reads are compiled once. The newest active session wins should a provider without a partial unique index
    // (MySQL) ever hold two.
    private static readonly Func<TContext, long, long, CancellationToken, Task<Session?>> ActiveSession =
        EF.CompileAsyncQuery((TContext db, long chatId, long userId, CancellationToken cancellationToken) =>
            db.Sessions
                .Where(session => session.ChatId == chatId && session.UserId == userId && session.EndedAt == null)
                .OrderByDescending(session => session.Id)
                .FirstOrDefault());

    // One round trip: the active session LEFT JOIN its newest messages, re-sorted oldest first. A filtered Include cannot
    // do it: Take(n) of the newest arrives newest first, and re-sorting inside an Include needs APPLY, which SQLite
    // lacks. Nothing is tracked, and so each row has a copy of the session: the first is kept (see FindActiveAsync).
    private static readonly Func<TContext, long, long, int, IAsyncEnumerable<SessionRow>> ActiveSessionWithRecentMessages =
        EF.CompileAsyncQuery((TContext db, long chatId, long userId, int recentMessages) =>
            db.Sessions
                .AsNoTracking()
                .Where(session => session.ChatId == chatId && session.UserId == userId && session.EndedAt == null)
                .OrderByDescending(session => session.Id)
                .Take(1)
                .SelectMany(session => session.Messages.DefaultIfEmpty(), (session, message) => new { session, message })
                .OrderByDescending(row => row.message!.Id)
                .Take(recentMessages)
                .OrderBy(row => row.message!.Id)
                .Select(row => new SessionRow(row.session, row.message)));

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
        if (recentMessages == 0)
        {
            return await ActiveSession(dbContext, chatId, userId, cancellationToken);
        }

        Session? active = null;
        var history = new List<Message>(recentMessages);
        await foreach (var row in ActiveSessionWithRecentMessages(dbContext, chatId, userId, recentMessages).WithCancellation(cancellationToken))
        {
            active ??= row.Session;
            if (row.Message is { } message)
            {
                history.Add(message);
            }
        }

        if (active is null)
        {
            return null;
        }

        active.LoadHistory(history);
        TrackWithoutHistory(active);
        return active;
    }

    public void Add(Session session) => dbContext.Sessions.Add(session);

    public Task<long> TokensUsedSinceAsync(long userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        TokensUsedSince(dbContext, userId, since, cancellationToken);

    /// <summary>
    /// Tracks the session but not the stored messages loaded with it: they are never changed, and tracking dozens of
    /// them per update (snapshots on reading, a comparison each on saving) was most of the cost of a conversation turn's
    /// two database round trips. Setting the state tracks this one entity, not its graph. The session's message list is
    /// snapshotted with the history in it, so on saving only the messages added since are new, and they are inserted.
    /// </summary>
    private void TrackWithoutHistory(Session session) => dbContext.Entry(session).State = EntityState.Unchanged;

    /// <summary>A row of the join: a copy of the session, and one of its messages (none for a session without any).</summary>
    private sealed record SessionRow(Session Session, Message? Message);
}
