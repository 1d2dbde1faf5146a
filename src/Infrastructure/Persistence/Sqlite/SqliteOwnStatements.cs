using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Statements of the bot's own, prepared once on a connection of their own to the context's file and kept between
/// writes. They run in the file's write queue, one write at a time; disposal (when the host stops) may come from another
/// thread. A failure of SQLite's drops them, as the connection may be what failed (the file replaced, an I/O error): the
/// next write prepares them again on a new connection.
/// </summary>
/// <param name="prepare">Prepares the statements on the connection, which they then own and dispose.</param>
internal sealed class SqliteOwnStatements<TStatements>(Func<BotDbContext, SqliteConnection, TStatements> prepare) : IDisposable
    where TStatements : class, IDisposable
{
    private readonly Lock _gate = new();
    private TStatements? _statements;
    private bool _disposed;

    public TResult Run<TResult>(BotDbContext context, Func<TStatements, TResult> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var statements = _statements ??= Prepare(context);
            try
            {
                return write(statements);
            }
            catch (SqliteException)
            {
                statements.Dispose();
                _statements = null;
                throw;
            }
        }
    }

    public void Run(BotDbContext context, Action<TStatements> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Run(context, statements =>
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
            _statements?.Dispose();
            _statements = null;
        }
    }

    private TStatements Prepare(BotDbContext context)
    {
        var connection = SqliteDatabase.OpenConnection(context);
        try
        {
            return prepare(context, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
