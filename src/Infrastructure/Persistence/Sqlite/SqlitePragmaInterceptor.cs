using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Sets per-connection pragmas on each physical SQLite connection: a writer waits up to five seconds for another one
/// instead of failing with "database is locked", and WAL makes synchronous=NORMAL safe and much cheaper than FULL.
/// EF opens a pooled connection for almost every command; the pragmas run only the first time a physical
/// connection (its native handle) is seen, not on every open.
/// </summary>
/// <remarks>
/// The commit that takes the log past <c>wal_autocheckpoint</c> pages copies the log into the file and syncs both,
/// while the file's other writes wait. At SQLite's default of 1,000 pages (4 MB) a burst checkpointed several times a
/// second, each time copying the same few hundred pages of sessions, messages and inbox again. At 4,000 pages (a log
/// of at most about 16 MB) those pages are copied once for four times the turns: a quarter of the syncs, and a sixth
/// fewer page writes and a quarter fewer page reads per update (docs/performance-history.md).
/// </remarks>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=4000;";

    private static readonly object Configured = new();

    private readonly ConditionalWeakTable<object, object> _configuredHandles = [];

    private SqlitePragmaInterceptor()
    {
    }

    /// <summary>Sets the pragmas on an open connection; also used for one opened without EF.</summary>
    public static void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            Apply(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool NeedsPragmas(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is not SqliteConnection { Handle: { } handle } || _configuredHandles.TryAdd(handle, Configured);
    }
}
