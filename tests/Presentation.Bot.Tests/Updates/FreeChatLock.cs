using CleanBot.Application.Abstractions.Locking;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>Every chat's lock is free: for tests about scheduling, not about order within a chat.</summary>
internal sealed class FreeChatLock : IChatLock
{
    public ValueTask<IAsyncDisposable> AcquireAsync(long chatId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IAsyncDisposable>(new Held());

    private sealed class Held : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
