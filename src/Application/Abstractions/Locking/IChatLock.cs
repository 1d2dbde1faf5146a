namespace CleanBot.Application.Abstractions.Locking;

/// <summary>
/// Serialises the handling of one chat's messages, across every bot instance that shares the lock's store, so each
/// message sees the conversation the previous one left. Taken by the update pipeline around a chat's pending updates,
/// not by each handler: see docs/adr/0005-inbox-and-chat-lock.md.
/// </summary>
public interface IChatLock
{
    /// <summary>
    /// Whether the lock also keeps out holders in other processes (several instances sharing one database). When it
    /// does not, this process is the only one that handles chats, and so the only one that stores their updates.
    /// </summary>
    bool SpansInstances { get; }

    /// <summary>Waits until this caller holds the chat; disposing the result releases it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken);
}
