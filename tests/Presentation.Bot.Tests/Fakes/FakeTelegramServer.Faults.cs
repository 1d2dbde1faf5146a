namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>When a scripted connection reset hits a call: before the server acted on it, or after.</summary>
public enum ConnectionReset
{
    /// <summary>The request is dropped unread: nothing happened on the server.</summary>
    BeforeHandling,

    /// <summary>The server did what was asked (a message was sent) and then the answer was lost on the way back.</summary>
    AfterHandling,
}

// Network faults: a call whose connection is reset instead of answered.
public sealed partial class FakeTelegramServer
{
    /// <summary>The status recorded for a call that got no HTTP answer at all.</summary>
    public const int NoAnswerStatus = 0;

    private static readonly TelegramReply NoAnswer = new(NoAnswerStatus, string.Empty);

    private readonly List<(string Method, ConnectionReset When)> _resets = [];

    /// <summary>
    /// Makes the next call of <paramref name="method"/> end in a connection reset (no HTTP answer), before or after the
    /// server acted on it; queued resets are consumed in order. The call is recorded with status
    /// <see cref="NoAnswerStatus"/>.
    /// </summary>
    public void ResetNext(string method, ConnectionReset when)
    {
        lock (_gate)
        {
            _resets.Add((method, when));
        }
    }

    /// <summary>
    /// Closes every retry_after window opened by a scripted 429. The windows run on real time: a test that runs the bot
    /// on a fake clock calls this when it moves that clock past the wait.
    /// </summary>
    public void EndRetryWindows()
    {
        lock (_gate)
        {
            _blockedUntil.Clear();
        }
    }

    private ConnectionReset? TakeReset(string method)
    {
        lock (_gate)
        {
            var index = _resets.FindIndex(reset => string.Equals(reset.Method, method, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            var when = _resets[index].When;
            _resets.RemoveAt(index);
            return when;
        }
    }
}
