using System.Collections.Concurrent;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>
/// Chats Telegram told us to leave alone for a while (429 "retry after"). Nothing may be sent to such a chat before
/// its time is up: ignoring it escalates to longer bans.
/// </summary>
internal sealed class ChatCooldowns(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _pausedUntil = new();

    public void Pause(long chatId, TimeSpan duration)
    {
        var until = time.GetUtcNow() + duration;
        _pausedUntil.AddOrUpdate(chatId, until, (_, current) => current > until ? current : until);
    }

    /// <summary>How long the chat is still paused; zero when it is free.</summary>
    public TimeSpan Remaining(long chatId)
    {
        if (!_pausedUntil.TryGetValue(chatId, out var until))
        {
            return TimeSpan.Zero;
        }

        var remaining = until - time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            return remaining;
        }

        _pausedUntil.TryRemove(KeyValuePair.Create(chatId, until));
        return TimeSpan.Zero;
    }

    public async ValueTask WaitUntilFreeAsync(long chatId, CancellationToken cancellationToken)
    {
        for (var remaining = Remaining(chatId); remaining > TimeSpan.Zero; remaining = Remaining(chatId))
        {
            await Task.Delay(remaining, time, cancellationToken);
        }
    }
}
