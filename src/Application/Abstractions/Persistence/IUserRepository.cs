using CleanBot.Domain.Users;

namespace CleanBot.Application.Abstractions.Persistence;

public interface IUserRepository
{
    /// <summary>The user with this Telegram id, tracked for changes, or null when never seen.</summary>
    Task<User?> FindAsync(long userId, CancellationToken cancellationToken);

    void Add(User user);
}
