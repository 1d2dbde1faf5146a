using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Lets one write at a time into a SQLite file, in this process. SQLite has one writer per file anyway; without the
/// gate, concurrent writers would find the file locked and wait in SQLite's busy handler, which sleeps the thread in
/// growing steps (1, 2, 5 … 100 ms) even when the lock is free again a few microseconds later. Waiting here instead is
/// asynchronous and first come, first served. Another process on the same file still meets busy_timeout.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the file a connection string points at.</summary>
    public static SemaphoreSlim For(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = dataSource is "" or ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? dataSource
            : Path.GetFullPath(dataSource);
        return Gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Runs <paramref name="write"/> holding the gate.</summary>
    public static async Task<T> RunAsync<T>(SemaphoreSlim gate, Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
