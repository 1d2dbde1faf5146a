using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// What a request changed in a stored session that EF does not track: the messages from
/// <paramref name="FirstNewMessage"/> on are new, and the session's activity (and end) are written as they are now.
/// </summary>
internal sealed record StoredSessionChanges(Session Session, int FirstNewMessage);
