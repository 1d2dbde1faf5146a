namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// Writes a conversation turn of stored sessions without EF's change tracker: the new messages, given their ids, and the
/// session's activity, in one transaction. Registered only where it is much cheaper than <c>SaveChanges</c> (SQLite);
/// without it, sessions are tracked by EF as before. See docs/adr/0007-conversation-turns-written-directly.md.
/// </summary>
internal interface IStoredSessionWriter
{
    /// <exception cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException">A session is no longer stored
    /// (deleted meanwhile); nothing was written.</exception>
    Task WriteAsync(IReadOnlyList<StoredSessionChanges> changes, CancellationToken cancellationToken);
}
