using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The one connection to a SQLite file that the bot's own prepared statements share: the turns, the new updates and the
/// handled marks are all written through it, one write at a time, in the file's write queue. SQLite empties a
/// connection's page cache whenever another connection has committed since its last transaction, so with a connection
/// per writer (and EF's for the marks) each write read back from the log the pages the others had just changed: about
/// two reads of a page per update in a burst, of which one connection saves a third (docs/performance-history.md). Each
/// kind of statements is prepared once and kept between writes.
/// </summary>
/// <remarks>
/// A failure of SQLite's drops the connection with every statement prepared on it, as the connection may be what failed
/// (the file replaced, an I/O error): the next write opens a new one and prepares its statements again. Disposal (when
/// the host stops) may come from another thread. One instance serves the one file of its container. The statements are
/// made from EF's model, so preparing them borrows a context of the file from the pool: the writes themselves need none.
/// </remarks>
internal sealed class SqliteWriterConnection(IServiceScopeFactory scopes) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Type, IDisposable> _prepared = [];
    private SqliteConnection? _connection;
    private SqliteWriteQueue? _queue;
    private bool _disposed;

    /// <summary>The file's write queue (<see cref="SqliteWriteQueue"/>), in which writes through this connection run.</summary>
    /// <remarks>Looked up once without the lock: two first writes at once find the same queue, the file's one.</remarks>
    public SqliteWriteQueue Queue => _queue ??= WithContext(context => context.Writes);

    /// <summary>
    /// Runs <paramref name="write"/> with its kind of statements, prepared on the connection by <paramref name="prepare"/>
    /// the first time. Statements dispose only themselves: the connection is this class's to close.
    /// </summary>
    public TResult Run<TStatements, TResult>(Func<BotDbContext, SqliteConnection, TStatements> prepare, Func<TStatements, TResult> write)
        where TStatements : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return write(Prepared(prepare));
            }
            catch (SqliteException)
            {
                Drop();
                throw;
            }
        }
    }

    public void Run<TStatements>(Func<BotDbContext, SqliteConnection, TStatements> prepare, Action<TStatements> write)
        where TStatements : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(write);
        Run(prepare, statements =>
        {
            write(statements);
            return true;
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Drop();
        }
    }

    private TStatements Prepared<TStatements>(Func<BotDbContext, SqliteConnection, TStatements> prepare)
        where TStatements : class, IDisposable
    {
        if (_prepared.TryGetValue(typeof(TStatements), out var prepared))
        {
            return (TStatements)prepared;
        }

        var statements = WithContext(context => prepare(context, _connection ??= SqliteDatabase.OpenConnection(context)));
        _prepared.Add(typeof(TStatements), statements);
        return statements;
    }

    private T WithContext<T>(Func<SqliteBotDbContext, T> use)
    {
        using var scope = scopes.CreateScope();
        return use(scope.ServiceProvider.GetRequiredService<SqliteBotDbContext>());
    }

    /// <summary>Disposes every statement, then the connection they were prepared on.</summary>
    private void Drop()
    {
        foreach (var statements in _prepared.Values)
        {
            statements.Dispose();
        }

        _prepared.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
