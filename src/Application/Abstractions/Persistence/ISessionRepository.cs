using CleanBot.Domain.Conversations;

namespace CleanBot.Application.Abstractions.Persistence;

public interface ISessionRepository
{
    /// <summary>
    /// The active session of a user in a chat, tracked for changes, with at most <paramref name="recentMessages"/>
    /// of its newest messages loaded (oldest first); null when there is none.
    /// </summary>
    Task<Session?> FindActiveAsync(long chatId, long userId, int recentMessages, CancellationToken cancellationToken);

    void Add(Session session);

    /// <summary>Every token the model reported for this user's answers since <paramref name="since"/>, in all chats:
    /// one query, to rebuild a usage counter the cache no longer holds.</summary>
    Task<long> TokensUsedSinceAsync(long userId, DateTimeOffset since, CancellationToken cancellationToken);
}
