using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence.Repositories;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// The request's unit of work: the context's save, after which the sessions it stored go back into the
/// <see cref="ActiveSessionCache"/>. A turn of a stored session, with nothing else to save, is written by the
/// <see cref="IStoredSessionWriter"/> where there is one; with anything else to save, EF writes all of it in one
/// transaction.
/// </summary>
internal sealed class SessionCachingUnitOfWork<TContext>(TContext dbContext, SessionRepository<TContext> sessions, IStoredSessionWriter? writer = null)
    : IUnitOfWork
    where TContext : BotDbContext
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (sessions.UntrackedChanges() is { } changes)
        {
            if (writer is not null && !dbContext.ChangeTracker.HasChanges())
            {
                await writer.WriteAsync(dbContext, changes, cancellationToken);
                sessions.Written();
                sessions.KeepSaved();
                return;
            }

            sessions.Track();
        }

        await ((IUnitOfWork)dbContext).SaveChangesAsync(cancellationToken);
        sessions.KeepSaved();
    }
}
