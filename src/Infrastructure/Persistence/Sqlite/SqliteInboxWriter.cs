using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Infrastructure.Persistence.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Stores each batch of updates in the SQLite inbox, and marks updates handled, with statements prepared once on the
/// connection the bot's own writers share (<see cref="SqliteWriterConnection"/>), in the file's write queue. Through EF
/// each batch of 100 cost a query for the updates already stored, then a command of 100 <c>INSERT</c>s that SQLite
/// parsed anew (docs/performance-history.md). Here <c>ON CONFLICT DO NOTHING</c> skips an update stored before, by this
/// instance or another, and says which ones were new. The statements are made from EF's model, so a row is stored and
/// marked exactly as EF stores and marks it.
/// </summary>
internal sealed class SqliteInboxWriter(SqliteWriterConnection writerConnection) : IInboxWriter
{
    public Task<IReadOnlyList<long>> AddNewAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return writerConnection.Queue.RunAsync(
            _ => Task.FromResult<IReadOnlyList<long>>(
                writerConnection.Run(static (db, sqlite) => new InsertStatement(db, sqlite), insert => insert.InsertNew(updates))),
            cancellationToken);
    }

    public Task MarkHandledAsync(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updateIds);
        return writerConnection.Queue.RunAsync(
            _ => Task.FromResult(
                writerConnection.Run(static (db, sqlite) => new MarkStatement(db, sqlite), mark => mark.Mark(updateIds, handledAt))),
            cancellationToken);
    }

    /// <summary>The prepared <c>INSERT</c>, and the connection it was prepared on.</summary>
    private sealed class InsertStatement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _insert;
        private readonly MappedColumn _updateId;
        private readonly MappedColumn _chatKey;
        private readonly MappedColumn _payload;
        private readonly MappedColumn _receivedAt;

        public InsertStatement(BotDbContext context, SqliteConnection connection)
        {
            _connection = connection;
            var sql = context.GetService<ISqlGenerationHelper>();
            var record = MappedColumn.Entity<InboxRecord>(context);
            _updateId = MappedColumn.Of(record, nameof(InboxRecord.UpdateId));
            _chatKey = MappedColumn.Of(record, nameof(InboxRecord.ChatKey));
            _payload = MappedColumn.Of(record, nameof(InboxRecord.Payload));
            _receivedAt = MappedColumn.Of(record, nameof(InboxRecord.ReceivedAt));
            MappedColumn[] columns = [_updateId, _chatKey, _payload, _receivedAt];

            // HandledAt is left out: a new update is not handled yet.
            _insert = new SqliteStatement(connection, $"{MappedColumn.Insert(sql, record, columns)} ON CONFLICT DO NOTHING;");
            foreach (var column in columns)
            {
                column.AttachTo(_insert);
            }
        }

        /// <summary>Inserts the updates in one transaction and returns the ids of those that were not stored yet.</summary>
        public List<long> InsertNew(IReadOnlyList<InboundUpdate> updates)
        {
            var stored = new List<long>(updates.Count);
            using var transaction = _connection.BeginTransaction();
            foreach (var update in updates)
            {
                _updateId.Bind(update.UpdateId);
                _chatKey.Bind(update.ChatKey);
                _payload.Bind(update.Payload);
                _receivedAt.Bind(update.ReceivedAt);
                if (_insert.Execute() == 1)
                {
                    stored.Add(update.UpdateId);
                }
            }

            transaction.Commit();
            return stored;
        }

        public void Dispose() => _insert.Dispose();
    }

    /// <summary>The prepared <c>UPDATE</c> that marks an update handled, and the connection it was prepared on.</summary>
    private sealed class MarkStatement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _mark;
        private readonly MappedColumn _handledAt;
        private readonly MappedColumn _updateId;

        public MarkStatement(BotDbContext context, SqliteConnection connection)
        {
            _connection = connection;
            var sql = context.GetService<ISqlGenerationHelper>();
            var record = MappedColumn.Entity<InboxRecord>(context);
            _handledAt = MappedColumn.Of(record, nameof(InboxRecord.HandledAt));
            _updateId = MappedColumn.Of(record, nameof(InboxRecord.UpdateId));
            _mark = new SqliteStatement(
                connection, $"UPDATE {MappedColumn.Table(sql, record)} SET {_handledAt.Assignment(sql)} WHERE {_updateId.Assignment(sql)};");
            _handledAt.AttachTo(_mark);
            _updateId.AttachTo(_mark);
        }

        /// <summary>Marks the updates handled in one transaction; returns how many rows it changed.</summary>
        public int Mark(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt)
        {
            var marked = 0;
            using var transaction = _connection.BeginTransaction();
            foreach (var updateId in updateIds)
            {
                _handledAt.Bind(handledAt);
                _updateId.Bind(updateId);
                marked += _mark.Execute();
            }

            transaction.Commit();
            return marked;
        }

        public void Dispose() => _mark.Dispose();
    }
}
