using CleanBot.Application.Abstractions.Inbox;

namespace CleanBot.Infrastructure.Persistence.Inbox;

/// <summary>
/// Stores a batch of updates in the inbox, and marks updates handled, without EF. Registered only where it is much
/// cheaper than EF (SQLite); without it, <see cref="UpdateInbox{TContext}"/> writes them through EF.
/// </summary>
internal interface IInboxWriter
{
    /// <summary>Stores the updates not stored yet, in one transaction, and returns their ids.</summary>
    Task<IReadOnlyList<long>> AddNewAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Marks the updates handled at <paramref name="handledAt"/>, in one transaction.</summary>
    Task MarkHandledAsync(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt, CancellationToken cancellationToken);
}
