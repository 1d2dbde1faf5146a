using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence.Repositories;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// The request's unit of work: the context's save, after which the sessions it stored go back into the
/// <see cref="ActiveSessionCache"/>. A turn of a stored session, with nothing else to save, is written by the
/// <see cref="IStoredSessionWriter"/> where there is one; with anything else to save, EF writes all of it in one
/// transaction. A request that never took its context has nothing for EF to save.
/// </summary>
internal sealed class SessionCachingUnitOfWork<TContext>(
    RequestDbContext<TContext> request, SessionRepository<TContext> sessions, IStoredSessionWriter? writer = null)
    : IUnitOfWork
    where TContext : BotDbContext
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (sessions.UntrackedChanges() is { } changes)
        {
            if (writer is not null && request.IfTaken?.ChangeTracker.HasChanges() != true)
            {
                await writer.WriteAsync(changes, cancellationToken);
                sessions.Written();
                sessions.KeepSaved();
                return;
            }

            sessions.Track();
        }

        if (request.IfTaken is IUnitOfWork context)
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        sessions.KeepSaved();
    }
}
