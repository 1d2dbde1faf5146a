namespace CleanBot.Presentation.Bot.Tests.Fakes;

// Streamed answers: how many events an answer is split into, and a stream that breaks part-way.
public sealed partial class FakeGeminiServer
{
    private int _streamPieces = 3;

    /// <summary>Events a streamed answer is split into (at most one per text element); 3 by default.</summary>
    public int StreamPieces
    {
        get => Volatile.Read(ref _streamPieces);
        set => Volatile.Write(ref _streamPieces, value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>
    /// The next call streams the first <paramref name="piecesBeforeBreak"/> of <see cref="StreamPieces"/> pieces of
    /// <paramref name="text"/> (none with a finish reason) and then drops the connection, as a network failure or a
    /// crashed backend would.
    /// </summary>
    public void EnqueueBrokenStream(string text, int piecesBeforeBreak) => Enqueue(new BrokenStreamOutcome(text, piecesBeforeBreak));

    private sealed record BrokenStreamOutcome(string Text, int PiecesBeforeBreak) : Outcome;
}
