using System.Diagnostics;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// A Gemini call's timeouts on one token: the whole call's, over all its attempts, and for a streamed answer that has
/// begun, the wait for its next event, which never runs past the whole call's. One source and one timer per call,
/// moved on as each event arrives.
/// </summary>
internal sealed class CallTimeouts : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _eventTimeout;
    private readonly TimeSpan _totalTimeout;
    private readonly long _started = Stopwatch.GetTimestamp();

    public CallTimeouts(TimeSpan eventTimeout, TimeSpan totalTimeout, CancellationToken cancellationToken)
    {
        _eventTimeout = eventTimeout;
        _totalTimeout = totalTimeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _source.CancelAfter(totalTimeout);
    }

    /// <summary>Cancelled by the caller's token or when a timeout runs out.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The next event is due within the event timeout, or by the end of the whole call if that is sooner.</summary>
    public void ExpectNextEvent()
    {
        var left = _totalTimeout - Stopwatch.GetElapsedTime(_started);
        _source.CancelAfter(left < _eventTimeout ? TimeSpan.FromTicks(Math.Max(0, left.Ticks)) : _eventTimeout);
    }

    public void Dispose() => _source.Dispose();
}
