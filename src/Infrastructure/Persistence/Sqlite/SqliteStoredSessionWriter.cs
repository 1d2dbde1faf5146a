using System.Collections.Concurrent;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Persistence.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Writes conversation turns into the SQLite file with statements prepared once, on the connection the bot's own
/// writers share (<see cref="SqliteWriterConnection"/>), in the file's write queue (<see cref="SqliteWriteQueue"/>). One
/// instance serves the one file of its container. For each turn EF's <c>SaveChanges</c> built the same three statements
/// anew and SQLite parsed them again: about a quarter of the bot's CPU under load (docs/performance-history.md). The
/// statements are made from EF's model (table and column names, value conversions), so a turn is stored exactly as
/// <c>SaveChanges</c> stores it.
/// </summary>
/// <remarks>
/// The turns of different requests that wait for the queue together are written in one transaction (a group commit):
/// each commit writes every page it changed to the write-ahead log, and one commit per turn was most of the writes' cost
/// under load. A turn's task completes once its transaction has committed. When a transaction of several turns fails,
/// each of them is written again alone, so one request's failure (a session deleted meanwhile) fails only that request.
/// </remarks>
internal sealed partial class SqliteStoredSessionWriter(SqliteWriterConnection writerConnection, ILogger<SqliteStoredSessionWriter> logger)
    : IStoredSessionWriter
{
    // Enough for every chat in flight under load to share a few commits; few enough to keep each transaction short.
    private const int MaxTurnsPerTransaction = 256;

    private readonly ConcurrentQueue<PendingTurn> _pending = new();

    public Task WriteAsync(IReadOnlyList<StoredSessionChanges> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var turn = new PendingTurn(changes, cancellationToken);
        _pending.Enqueue(turn);

        // Every turn queues a write of its own, so none is left waiting; the first of them to run takes every turn
        // waiting by then. That write never fails: each turn's own task says how the turn went.
        _ = writerConnection.Queue.RunAsync(_ => Task.FromResult(WriteUntilDone(turn)), CancellationToken.None);
        return turn.Completion;
    }

    private bool WriteUntilDone(PendingTurn turn)
    {
        while (!turn.Completion.IsCompleted)
        {
            WriteTogether(TakeWaiting());
        }

        return true;
    }

    /// <summary>The turns waiting, oldest first, without those whose request stopped waiting.</summary>
    private List<PendingTurn> TakeWaiting()
    {
        var turns = new List<PendingTurn>();
        while (turns.Count < MaxTurnsPerTransaction && _pending.TryDequeue(out var turn))
        {
            if (!turn.CancelIfRequested())
            {
                turns.Add(turn);
            }
        }

        return turns;
    }

    private void WriteTogether(List<PendingTurn> turns)
    {
        if (turns.Count == 0)
        {
            return;
        }

        try
        {
            IReadOnlyList<StoredSessionChanges> changes = turns.Count == 1 ? turns[0].Changes : [.. turns.SelectMany(turn => turn.Changes)];
            writerConnection.Run(static (db, sqlite) => new Statements(db, sqlite), statements => statements.Write(changes));
        }
        catch (Exception) when (turns.Count > 1)
        {
            LogRetryingAlone(logger, turns.Count);
            foreach (var turn in turns)
            {
                WriteTogether([turn]);
            }

            return;
        }
        catch (Exception exception)
        {
            turns[0].Fail(exception);
            return;
        }

        LogWritten(logger, turns.Count);
        foreach (var turn in turns)
        {
            turn.Succeed();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Turns} conversation turns in one transaction")]
    private static partial void LogWritten(ILogger logger, int turns);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A transaction of {Turns} conversation turns failed; writing each alone")]
    private static partial void LogRetryingAlone(ILogger logger, int turns);

    /// <summary>A request's turn waiting to be written, and the task its request awaits.</summary>
    private sealed class PendingTurn(IReadOnlyList<StoredSessionChanges> changes, CancellationToken cancellationToken)
    {
        // Completed on the queue's loop: the request's continuation must not run there, or the next write would wait for it.
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<StoredSessionChanges> Changes => changes;

        public Task Completion => _completion.Task;

        /// <summary>A turn whose request stopped waiting before its write began is not written, as with any write.</summary>
        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public void Succeed() => _completion.TrySetResult();

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }

    /// <summary>The writer's prepared statements, and the connection they were prepared on.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _insertMessage;
        private readonly MappedColumn[] _messageColumns;
        private readonly SessionUpdate _touchSession;
        private readonly SessionUpdate _endSession;

        public Statements(BotDbContext context, SqliteConnection connection)
        {
            _connection = connection;
            var sql = context.GetService<ISqlGenerationHelper>();

            var message = MappedColumn.Entity<Message>(context);
            var messageId = message.FindPrimaryKey()!.Properties.Single();
            _messageColumns = [.. message.GetProperties().Where(property => property != messageId).Select(property => new MappedColumn(property))];
            _insertMessage = new SqliteStatement(
                connection, $"{MappedColumn.Insert(sql, message, _messageColumns)} RETURNING {sql.DelimitIdentifier(messageId.GetColumnName())};");

            foreach (var column in _messageColumns)
            {
                column.AttachTo(_insertMessage);
            }

            var session = MappedColumn.Entity<Session>(context);
            _touchSession = new SessionUpdate(connection, sql, session, nameof(Session.LastActivityAt));
            _endSession = new SessionUpdate(connection, sql, session, nameof(Session.LastActivityAt), nameof(Session.EndedAt));
        }

        /// <summary>Writes every change in one transaction; the messages get their ids once it has committed.</summary>
        public void Write(IReadOnlyList<StoredSessionChanges> changes)
        {
            var ids = new List<long>(capacity: 2 * changes.Count);
            using (var transaction = _connection.BeginTransaction())
            {
                foreach (var change in changes)
                {
                    var session = change.Session;
                    if ((change.Ended ? _endSession : _touchSession).Execute(session) != 1)
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

                        ids.Add(_insertMessage.ExecuteScalarInt64());
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
        }

        public void Dispose()
        {
            _insertMessage.Dispose();
            _touchSession.Dispose();
            _endSession.Dispose();
        }
    }

    /// <summary>
    /// An <c>UPDATE</c> of a session's row by its id that sets the given columns from the session. SQLite rewrites the
    /// entry of every index holding a column the statement sets, changed or not: so the end, which the index of active
    /// sessions holds, is set only by the turns that end the session.
    /// </summary>
    private sealed class SessionUpdate : IDisposable
    {
        private readonly SqliteStatement _statement;
        private readonly MappedColumn[] _columns;
        private readonly MappedColumn _sessionId;

        public SessionUpdate(SqliteConnection connection, ISqlGenerationHelper sql, IEntityType session, params string[] properties)
        {
            _columns = [.. properties.Select(property => MappedColumn.Of(session, property))];
            _sessionId = new MappedColumn(session.FindPrimaryKey()!.Properties.Single());
            _statement = new SqliteStatement(
                connection,
                $"UPDATE {MappedColumn.Table(sql, session)} SET {string.Join(", ", _columns.Select(column => column.Assignment(sql)))} " +
                $"WHERE {_sessionId.Assignment(sql)};");
            foreach (var column in _columns)
            {
                column.AttachTo(_statement);
            }

            _sessionId.AttachTo(_statement);
        }

        /// <summary>Writes the session's columns; returns the rows changed, 0 when the session is no longer stored.</summary>
        public int Execute(Session session)
        {
            foreach (var column in _columns)
            {
                column.BindFrom(session);
            }

            _sessionId.BindFrom(session);
            return _statement.Execute();
        }

        public void Dispose() => _statement.Dispose();
    }
}
