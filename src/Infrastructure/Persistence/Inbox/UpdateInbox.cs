using CleanBot.Application.Abstractions.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Inbox;

/// <summary>
/// The inbox in the bot's database. Reads are untracked: records are handed out, never edited in place. New updates are
/// stored, and handled ones marked, by the <see cref="IInboxWriter"/> where there is one, and through EF otherwise.
/// </summary>
internal sealed class UpdateInbox<TContext>(TContext dbContext, IInboxWriter? writer = null) : IUpdateInbox
    where TContext : BotDbContext
{
    // Read at least once per update handled: compiled once instead of translated on every call.
    private static readonly Func<TContext, long, int, IAsyncEnumerable<InboundUpdate>> PendingOfChat =
        EF.CompileAsyncQuery((TContext db, long chatKey, int max) =>
            db.Set<InboxRecord>().AsNoTracking()
                .Where(record => record.HandledAt == null && record.ChatKey == chatKey)
                .OrderBy(record => record.UpdateId)
                .Take(max)
                .Select(record => new InboundUpdate(record.UpdateId, record.ChatKey, record.Payload, record.ReceivedAt)));

    // Run for every few updates handled: compiled, so no expression tree is built and translated again each time.
    private static readonly Func<TContext, long[], DateTimeOffset?, CancellationToken, Task<int>> MarkAllHandled =
        EF.CompileAsyncQuery((TContext db, long[] updateIds, DateTimeOffset? handledAt, CancellationToken cancellationToken) =>
            db.Set<InboxRecord>()
                .Where(record => updateIds.Contains(record.UpdateId))
                .ExecuteUpdate(setters => setters.SetProperty(record => record.HandledAt, handledAt)));

    private DbSet<InboxRecord> Records => dbContext.Set<InboxRecord>();

    public async Task<IReadOnlyList<long>> AddNewAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return [];
        }

        if (writer is not null)
        {
            return await writer.AddNewAsync(updates, cancellationToken);
        }

        var ids = updates.Select(update => update.UpdateId).ToList();
        var seen = await Records.AsNoTracking().Where(record => ids.Contains(record.UpdateId)).Select(record => record.UpdateId)
            .ToHashSetAsync(cancellationToken);
        var fresh = updates.Where(update => seen.Add(update.UpdateId)).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        try
        {
            Records.AddRange(fresh.Select(ToRecord));
            await dbContext.SaveChangesAsync(cancellationToken);
            return fresh.ConvertAll(update => update.UpdateId);
        }
        catch (DbUpdateException)
        {
            // Another instance stored some of them in the meantime: store the rest one by one.
            dbContext.ChangeTracker.Clear();
            return await AddOneByOneAsync(fresh, cancellationToken);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<InboundUpdate>> PendingAsync(long chatKey, int max, CancellationToken cancellationToken)
    {
        var pending = new List<InboundUpdate>();
        await foreach (var update in PendingOfChat(dbContext, chatKey, max).WithCancellation(cancellationToken))
        {
            pending.Add(update);
        }

        return pending;
    }

    public Task MarkHandledAsync(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updateIds);
        if (updateIds.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (writer is not null)
        {
            return writer.MarkHandledAsync(updateIds, handledAt, cancellationToken);
        }

        var ids = updateIds as long[] ?? [.. updateIds];
        return dbContext.WriteAsync(token => MarkAllHandled(dbContext, ids, handledAt, token), cancellationToken);
    }

    public async Task<IReadOnlyList<long>> ChatsWithPendingAsync(int max, CancellationToken cancellationToken) =>
        await Records.AsNoTracking()
            .Where(record => record.HandledAt == null)
            .Select(record => record.ChatKey)
            .Distinct()
            .OrderBy(chatKey => chatKey)
            .Take(max)
            .ToListAsync(cancellationToken);

    public Task<int> PruneHandledAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken) =>
        dbContext.WriteAsync(
            token => Records.Where(record => record.HandledAt != null && record.HandledAt < handledBefore).ExecuteDeleteAsync(token),
            cancellationToken);

    private async Task<IReadOnlyList<long>> AddOneByOneAsync(List<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        var stored = new List<long>(updates.Count);
        foreach (var update in updates)
        {
            try
            {
                Records.Add(ToRecord(update));
                await dbContext.SaveChangesAsync(cancellationToken);
                stored.Add(update.UpdateId);
            }
            catch (DbUpdateException)
            {
                dbContext.ChangeTracker.Clear();
                if (!await Records.AsNoTracking().AnyAsync(record => record.UpdateId == update.UpdateId, cancellationToken))
                {
                    throw;
                }

                // Stored by another instance: it is that instance's to handle.
            }
            finally
            {
                dbContext.ChangeTracker.Clear();
            }
        }

        return stored;
    }

    private static InboxRecord ToRecord(InboundUpdate update) => new()
    {
        UpdateId = update.UpdateId,
        ChatKey = update.ChatKey,
        Payload = update.Payload,
        ReceivedAt = update.ReceivedAt,
    };
}
