using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// An active session as last saved, with its newest stored messages, oldest first. Immutable: each request rebuilds
/// its own <see cref="Session"/> from it (stored messages never change, so they are shared).
/// </summary>
/// <param name="HoldsAll">The messages are all the session has, so a request for more than them is served too.</param>
internal sealed record CachedSession(
    long Id, long UserId, long ChatId, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, Message[] Newest, bool HoldsAll)
{
    // Rough bytes per object, for the cache's bound: a message, its string's header, and the entry with its array.
    private const int BytesPerMessage = 96;
    private const int BytesPerEntry = 320;

    public long ApproximateBytes
    {
        get
        {
            long bytes = BytesPerEntry;
            foreach (var message in Newest)
            {
                bytes += BytesPerMessage + (2L * message.Text.Length);
            }

            return bytes;
        }
    }

    public bool Serves(int recentMessages) => HoldsAll || Newest.Length >= recentMessages;

    public Session Restore(int recentMessages)
    {
        var count = Math.Min(recentMessages, Newest.Length);
        return Session.Restore(Id, UserId, ChatId, StartedAt, LastActivityAt, new ArraySegment<Message>(Newest, Newest.Length - count, count));
    }

    /// <summary>The state of a session just saved, keeping its newest <paramref name="recentMessages"/>.</summary>
    /// <param name="holdsAll">Whether the session's message list holds every message it has stored.</param>
    public static CachedSession Of(Session session, int recentMessages, bool holdsAll)
    {
        var messages = session.Messages;
        var count = Math.Min(recentMessages, messages.Count);

        // One copy of the list's span: stored one by one into the array, each message was a call to the array store's
        // type check, which read the message from the old generation (docs/performance-history.md).
        var newest = messages.Skip(messages.Count - count).ToArray();

        return new CachedSession(
            session.Id, session.UserId, session.ChatId, session.StartedAt, session.LastActivityAt, newest, holdsAll && count == messages.Count);
    }
}
