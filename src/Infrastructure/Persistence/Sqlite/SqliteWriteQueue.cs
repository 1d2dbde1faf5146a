using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Runs the writes into one SQLite file one after another, in this process, first come first served. SQLite has one
/// writer per file anyway; without the queue, concurrent writers would find the file locked and wait in SQLite's busy
/// handler, which sleeps the thread in growing steps (1, 2, 5 … 100 ms) even when the lock is free again a few
/// microseconds later. Another process on the same file still meets busy_timeout.
/// </summary>
/// <remarks>
/// The writes run on one loop, back to back: when one ends, the next starts at once on the same thread. Under load the
/// file's writes are the bot's one serial section, and a semaphore handing the turn over left the file idle for about
/// a third of the time, while each waiter's continuation queued behind every other chat's work in the thread pool.
/// The loop runs only while there are writes, and without the execution context of whoever started it.
/// </remarks>
internal sealed class SqliteWriteQueue
{
    private static readonly ConcurrentDictionary<string, SqliteWriteQueue> Queues = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<WriteJob> _jobs = new();
    private int _running;

    /// <summary>The queue of the file a connection string points at.</summary>
    public static SqliteWriteQueue For(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = dataSource is "" or ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? dataSource
            : Path.GetFullPath(dataSource);
        return Queues.GetOrAdd(key, static _ => new SqliteWriteQueue());
    }

    /// <summary>Runs <paramref name="write"/> in its turn. A write cancelled while it waits is not run.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var job = new WriteJob<T>(write, cancellationToken);
        _jobs.Enqueue(job);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.RunJobsAsync(), this, preferLocal: false);
        }

        return job.Completion;
    }

    private async Task RunJobsAsync()
    {
        while (true)
        {
            while (_jobs.TryDequeue(out var job))
            {
                await job.RunAsync();
            }

            Volatile.Write(ref _running, 0);

            // A write queued after the last TryDequeue saw the loop running and did not start another: take it here.
            if (_jobs.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private abstract class WriteJob
    {
        /// <summary>Runs the write and completes its task; never throws.</summary>
        public abstract Task RunAsync();
    }

    private sealed class WriteJob<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken) : WriteJob
    {
        // The writer's continuation must not run on the loop, or the next write would wait for it.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Completion => _completion.Task;

        public override async Task RunAsync()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                _completion.TrySetResult(await write(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
            }
        }
    }
}
