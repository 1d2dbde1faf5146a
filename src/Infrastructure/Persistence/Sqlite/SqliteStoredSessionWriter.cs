using System.Data.Common;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Persistence.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Writes conversation turns into the SQLite file with statements prepared once, on a connection of its own, in the
/// file's write queue (<see cref="SqliteWriteQueue"/>, through the context). One instance serves the one file of its
/// container. For each turn EF's <c>SaveChanges</c> built the same three statements anew and SQLite parsed them
/// again: about a quarter of the bot's CPU under load (docs/performance.md). The statements are made from EF's model
/// (table and column names, value conversions), so a turn is stored exactly as <c>SaveChanges</c> stores it.
/// </summary>
internal sealed class SqliteStoredSessionWriter : IStoredSessionWriter, IDisposable
{
    // A write runs on the queue's loop; disposal (when the host stops) may come from another thread.
    private readonly Lock _gate = new();
    private Statements? _statements;
    private bool _disposed;

    public Task WriteAsync(BotDbContext context, IReadOnlyList<StoredSessionChanges> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        return context.WriteAsync(_ => Task.FromResult(Write(context, changes)), cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _statements?.Dispose();
            _statements = null;
        }
    }

    private int Write(BotDbContext context, IReadOnlyList<StoredSessionChanges> changes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var statements = _statements ??= Statements.Open(context);
            try
            {
                return statements.Write(changes);
            }
            catch (SqliteException)
            {
                // The connection may be what failed (the file replaced, an I/O error): the next write opens a new one.
                statements.Dispose();
                _statements = null;
                throw;
            }
        }
    }

    /// <summary>The writer's connection and its two prepared statements.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insertMessage;
        private readonly Column[] _messageColumns;
        private readonly SqliteCommand _touchSession;
        private readonly Column _lastActivityAt;
        private readonly Column _endedAt;
        private readonly Column _sessionId;

        private Statements(BotDbContext context, SqliteConnection connection)
        {
            _connection = connection;
            var sql = context.GetService<ISqlGenerationHelper>();

            var message = context.Model.FindEntityType(typeof(Message)) ?? throw new InvalidOperationException("Message is not mapped.");
            var messageId = message.FindPrimaryKey()!.Properties.Single();
            _insertMessage = connection.CreateCommand();
            _messageColumns = [.. message.GetProperties().Where(property => property != messageId).Select(property => new Column(property, _insertMessage))];
            _insertMessage.CommandText =
                $"INSERT INTO {Table(sql, message)} ({string.Join(", ", _messageColumns.Select(column => column.Name(sql)))}) " +
                $"VALUES ({string.Join(", ", _messageColumns.Select(column => column.Parameter.ParameterName))}) " +
                $"RETURNING {sql.DelimitIdentifier(messageId.GetColumnName())};";

            var session = context.Model.FindEntityType(typeof(Session)) ?? throw new InvalidOperationException("Session is not mapped.");
            _touchSession = connection.CreateCommand();
            _lastActivityAt = new Column(session.FindProperty(nameof(Session.LastActivityAt))!, _touchSession);
            _endedAt = new Column(session.FindProperty(nameof(Session.EndedAt))!, _touchSession);
            _sessionId = new Column(session.FindPrimaryKey()!.Properties.Single(), _touchSession);
            _touchSession.CommandText =
                $"UPDATE {Table(sql, session)} SET {_lastActivityAt.Assignment(sql)}, {_endedAt.Assignment(sql)} " +
                $"WHERE {_sessionId.Assignment(sql)};";

            _insertMessage.Prepare();
            _touchSession.Prepare();
        }

        public static Statements Open(BotDbContext context)
        {
            var connection = new SqliteConnection(context.Database.GetConnectionString());
            try
            {
                connection.Open();
                SqlitePragmaInterceptor.Apply(connection);
                return new Statements(context, connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>Writes every change in one transaction; the messages get their ids once it has committed.</summary>
        /// <returns>How many messages were stored.</returns>
        public int Write(IReadOnlyList<StoredSessionChanges> changes)
        {
            var ids = new List<long>(capacity: 2 * changes.Count);
            using (var transaction = _connection.BeginTransaction())
            {
                _insertMessage.Transaction = transaction;
                _touchSession.Transaction = transaction;
                foreach (var change in changes)
                {
                    var session = change.Session;
                    _lastActivityAt.Bind(session.LastActivityAt);
                    _endedAt.Bind(session.EndedAt);
                    _sessionId.Bind(session.Id);
                    if (_touchSession.ExecuteNonQuery() != 1)
                    {
                        throw new DbUpdateConcurrencyException($"Session {session.Id} is no longer stored; its turn was not written.");
                    }

                    for (var index = change.FirstNewMessage; index < session.Messages.Count; index++)
                    {
                        var message = session.Messages[index];
                        StoredMessageKeys.SetSessionId(message, session.Id);
                        foreach (var column in _messageColumns)
                        {
                            column.BindFrom(message);
                        }

                        ids.Add((long)_insertMessage.ExecuteScalar()!);
                    }
                }

                transaction.Commit();
            }

            var next = 0;
            foreach (var change in changes)
            {
                for (var index = change.FirstNewMessage; index < change.Session.Messages.Count; index++)
                {
                    StoredMessageKeys.SetId(change.Session.Messages[index], ids[next++]);
                }
            }

            return ids.Count;
        }

        public void Dispose()
        {
            _insertMessage.Dispose();
            _touchSession.Dispose();
            _connection.Dispose();
        }

        private static string Table(ISqlGenerationHelper sql, IEntityType entity) =>
            sql.DelimitIdentifier(entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table."));
    }

    /// <summary>A mapped property, its parameter in a statement, and the conversion EF applies to its value.</summary>
    private sealed class Column
    {
        private readonly IProperty _property;
        private readonly IClrPropertyGetter _getter;
        private readonly RelationalTypeMapping _mapping;

        public Column(IProperty property, SqliteCommand command)
        {
            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR property to write.");
            }

            _property = property;
            _getter = property.GetGetter();
            _mapping = property.GetRelationalTypeMapping();
            Parameter = _mapping.CreateParameter(command, $"${property.Name}", value: null, property.IsNullable);
            command.Parameters.Add(Parameter);
        }

        public DbParameter Parameter { get; }

        public string Name(ISqlGenerationHelper sql) => sql.DelimitIdentifier(_property.GetColumnName());

        public string Assignment(ISqlGenerationHelper sql) => $"{Name(sql)} = {Parameter.ParameterName}";

        public void BindFrom(object entity) => Bind(_getter.GetClrValue(entity));

        public void Bind(object? value)
        {
            var stored = value is null || _mapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);
            Parameter.Value = stored ?? DBNull.Value;
        }
    }
}
