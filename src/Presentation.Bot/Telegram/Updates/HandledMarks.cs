using CleanBot.Application.Abstractions.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Writes the handled marks of updates whose replies are out, several in one statement (a group commit): a mark that
/// comes while a write is in flight waits for it and goes with every other mark that came meanwhile. A lone mark is
/// written at once. On SQLite every write waits its turn on the file, and one mark per update was a seventh of the
/// file's busy time in a burst (docs/performance-history.md).
/// </summary>
/// <remarks>
/// A failed write fails the marks it carried, and their callers try again. A mark whose caller stops waiting (the bot
/// stopping) is still written: its reply is out, so marking it spares a second answer after the restart. The bot waits
/// for that write (<see cref="WhenWrittenAsync"/>) before its services, the database's included, are disposed.
/// </remarks>
internal sealed class HandledMarks(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly Lock _lock = new();
    private List<Mark> _waiting = [];
    // Whether a write loop runs is decided under the lock; its task completes only after the loop has left the lock,
    // so the task cannot stand in for the flag.
    private bool _writing;
    private Task _writes = Task.CompletedTask;

    /// <summary>Completes once the update is marked handled in the inbox.</summary>
    public Task MarkAsync(long updateId, CancellationToken cancellationToken)
    {
        var mark = new Mark(updateId);
        lock (_lock)
        {
            _waiting.Add(mark);
            if (!_writing)
            {
                _writing = true;
                // Without the caller's execution context: the writes outlive its request.
                using (ExecutionContext.SuppressFlow())
                {
                    _writes = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
                }
            }
        }

        return mark.Written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every mark handed in so far is written, or has failed.</summary>
    public Task WhenWrittenAsync()
    {
        lock (_lock)
        {
            return _writes;
        }
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            List<Mark> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = _waiting;
                _waiting = [];
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var ids = batch.Select(mark => mark.UpdateId).ToArray();
                await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().MarkHandledAsync(ids, time.GetUtcNow(), CancellationToken.None);
                batch.ForEach(mark => mark.Written.TrySetResult());
            }
            catch (Exception exception)
            {
                batch.ForEach(mark => mark.Written.TrySetException(exception));
            }
        }
    }

    private sealed class Mark(long updateId)
    {
        public long UpdateId { get; } = updateId;

        // The caller's continuation must not run on the writing loop.
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
