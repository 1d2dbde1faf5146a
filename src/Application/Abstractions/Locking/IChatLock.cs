namespace CleanBot.Application.Abstractions.Locking;

/// <summary>Serialises the handling of one chat's messages, so each one sees the conversation the previous one left.</summary>
public interface IChatLock
{
    /// <summary>Waits until this caller holds the chat; disposing the result releases it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken);
}
