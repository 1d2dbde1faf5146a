using CleanBot.Application.Abstractions.Locking;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>Every chat's lock is free: for tests about scheduling, not about order within a chat.</summary>
/// <param name="spansInstances">Whether it stands for a lock shared by several instances.</param>
internal sealed class FreeChatLock(bool spansInstances = false) : IChatLock
{
    public bool SpansInstances => spansInstances;

    public ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IAsyncDisposable>(new Held());

    private sealed class Held : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
