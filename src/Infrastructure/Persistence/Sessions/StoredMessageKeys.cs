using System.Runtime.CompilerServices;
using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.Persistence.Sessions;

/// <summary>
/// Sets the keys of a message written outside EF's change tracker, as EF sets them when it writes one: the domain keeps
/// them private, and the database gives them.
/// </summary>
internal static class StoredMessageKeys
{
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(Message message, long id);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_SessionId")]
    public static extern void SetSessionId(Message message, long sessionId);
}
