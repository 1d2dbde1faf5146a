namespace CleanBot.Application.Abstractions.Inbox;

/// <summary>
/// Every update received is stored here before it is acknowledged to the platform, and handled from here. Shared by
/// all bot instances on one database, so an update is stored once, handled in order within its chat, and resumed after
/// a crash.
/// </summary>
public interface IUpdateInbox
{
    /// <summary>Stores the updates not seen before and returns their ids; an update seen before is never stored again.</summary>
    Task<IReadOnlyList<long>> AddNewAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken);

    /// <summary>The oldest updates of a chat not yet handled, oldest first.</summary>
    Task<IReadOnlyList<InboundUpdate>> PendingAsync(long chatKey, int max, CancellationToken cancellationToken);

    /// <summary>Marks the updates handled, all in one write.</summary>
    Task MarkHandledAsync(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt, CancellationToken cancellationToken);

    /// <summary>Chats with updates not yet handled, to resume after a restart.</summary>
    Task<IReadOnlyList<long>> ChatsWithPendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>Deletes handled updates older than <paramref name="handledBefore"/>; returns how many.</summary>
    Task<int> PruneHandledAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken);
}
