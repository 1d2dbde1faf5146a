namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>
/// Paces the previews of one answer. The first is due one interval after the first words arrived, so an answer
/// complete by then goes out whole without any preview; each later one an interval after the previous attempt,
/// whether that attempt was made or skipped for want of budget. Used by one flow at a time.
/// </summary>
internal sealed class PreviewThrottle(TimeProvider time, TimeSpan interval)
{
    private DateTimeOffset? _dueAt;

    /// <summary>The first words arrived; later calls change nothing.</summary>
    public void Start() => _dueAt ??= time.GetUtcNow() + interval;

    /// <summary>How long until the next preview may go; zero when it may go now.</summary>
    public TimeSpan UntilDue()
    {
        if (_dueAt is not { } dueAt)
        {
            throw new InvalidOperationException("The throttle has not started: no words arrived yet.");
        }

        var remaining = dueAt - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>A preview was sent, or skipped because the chat had no budget left: the next waits a whole interval.</summary>
    public void Attempted() => _dueAt = time.GetUtcNow() + interval;
}
