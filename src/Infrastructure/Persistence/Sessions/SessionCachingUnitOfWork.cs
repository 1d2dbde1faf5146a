using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence.Repositories;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>The request's unit of work: the context's save, after which the sessions it stored go back into the
/// <see cref="ActiveSessionCache"/>.</summary>
internal sealed class SessionCachingUnitOfWork<TContext>(TContext dbContext, SessionRepository<TContext> sessions) : IUnitOfWork
    where TContext : BotDbContext
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await ((IUnitOfWork)dbContext).SaveChangesAsync(cancellationToken);
        sessions.KeepSaved();
    }
}
