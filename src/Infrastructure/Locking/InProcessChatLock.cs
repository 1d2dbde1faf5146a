using CleanBot.Application.Abstractions.Locking;

namespace CleanBot.Infrastructure.Locking;

/// <summary>
/// One async gate per chat, within this process. Gates are reference-counted and dropped when nobody holds or waits
/// for them, so memory stays bounded by the number of chats being handled right now.
/// </summary>
internal sealed class InProcessChatLock : IChatLock
{
    private readonly Dictionary<long, Gate> _gates = [];

    public bool SpansInstances => false;

    public async ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(chatId, out gate!))
            {
                gate = new Gate();
                _gates.Add(chatId, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(chatId, gate);
            throw;
        }

        return new Holder(this, chatId, gate);
    }

    private void Leave(long chatId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(chatId);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(InProcessChatLock owner, long chatId, Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(chatId, gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
