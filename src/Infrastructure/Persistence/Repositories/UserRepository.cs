using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Repositories;

/// <typeparam name="TContext">The provider's context: a compiled query serves one model only (EF throws on another),
/// so each provider gets its own.</typeparam>
internal sealed class UserRepository<TContext>(RequestDbContext<TContext> request) : IUserRepository
    where TContext : BotDbContext
{
    // Read on nearly every message whose user is not cached: compiled once, not translated per call.
    private static readonly Func<TContext, long, CancellationToken, Task<User?>> UserById =
        EF.CompileAsyncQuery((TContext db, long userId, CancellationToken cancellationToken) =>
            db.Users.FirstOrDefault(user => user.Id == userId));

    public Task<User?> FindAsync(long userId, CancellationToken cancellationToken) =>
        UserById(request.Context, userId, cancellationToken);

    public void Add(User user) => request.Context.Users.Add(user);
}
