using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// What a request changed in a stored session that EF does not track: the messages from
/// <paramref name="FirstNewMessage"/> on are new, and the session's activity is written as it is now, with its end
/// where the request <paramref name="Ended"/> it.
/// </summary>
/// <param name="Ended">The session's end changed: like <c>SaveChanges</c>, a turn writes the column only then, so the
/// index that holds it is not rewritten with every turn.</param>
internal sealed record StoredSessionChanges(Session Session, int FirstNewMessage, bool Ended);
