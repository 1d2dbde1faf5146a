using CleanBot.Application.Abstractions.Inbox;

namespace CleanBot.Infrastructure.Persistence.Inbox;

/// <summary>
/// Stores a batch of updates in the inbox without EF's change tracker. Registered only where it is much cheaper than
/// <c>SaveChanges</c> (SQLite); without it, <see cref="UpdateInbox{TContext}"/> stores them through EF.
/// </summary>
internal interface IInboxWriter
{
    /// <summary>Stores the updates not stored yet, in one transaction, and returns their ids.</summary>
    Task<IReadOnlyList<long>> AddNewAsync(BotDbContext context, IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken);
}
