using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.MarkBotBlocked;

/// <summary>Marks the user; their next message clears the mark (<see cref="Domain.Users.User.Refresh"/>).</summary>
public sealed class MarkBotBlockedCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, ICache cache, TimeProvider time)
    : IRequestHandler<MarkBotBlockedCommand, bool>
{
    public async Task<bool> Handle(MarkBotBlockedCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.MarkBlockedBot(time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);

        // A cached snapshot lets the next message skip the database, and with it the refresh that clears the mark.
        await cache.RemoveAsync(UserRegistry.CacheKey(user.Id), cancellationToken);
        return true;
    }
}
