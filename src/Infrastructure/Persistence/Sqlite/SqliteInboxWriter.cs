using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Infrastructure.Persistence.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Stores each batch of updates in the SQLite inbox with one statement prepared once, on a connection of its own, in
/// the file's write queue. Through EF each batch of 100 cost a query for the updates already stored, then a command of
/// 100 <c>INSERT</c>s that SQLite parsed anew (docs/performance.md). Here <c>ON CONFLICT DO NOTHING</c> skips an update
/// stored before, by this instance or another, and says which ones were new. The statement is made from EF's model, so
/// a row is stored exactly as <c>SaveChanges</c> stores it.
/// </summary>
internal sealed class SqliteInboxWriter : IInboxWriter, IDisposable
{
    private readonly SqliteOwnStatements<InsertStatement> _insert = new((context, connection) => new InsertStatement(context, connection));

    public Task<IReadOnlyList<long>> AddNewAsync(BotDbContext context, IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(updates);
        return context.WriteAsync(_ => Task.FromResult<IReadOnlyList<long>>(_insert.Run(context, insert => insert.InsertNew(updates))), cancellationToken);
    }

    public void Dispose() => _insert.Dispose();

    /// <summary>The writer's connection and its prepared <c>INSERT</c>.</summary>
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
            var record = context.Model.FindEntityType(typeof(InboxRecord)) ?? throw new InvalidOperationException("The inbox is not mapped.");
            _updateId = new MappedColumn(record.FindProperty(nameof(InboxRecord.UpdateId))!);
            _chatKey = new MappedColumn(record.FindProperty(nameof(InboxRecord.ChatKey))!);
            _payload = new MappedColumn(record.FindProperty(nameof(InboxRecord.Payload))!);
            _receivedAt = new MappedColumn(record.FindProperty(nameof(InboxRecord.ReceivedAt))!);
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

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
