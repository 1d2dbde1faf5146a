namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>The latest places a chunk could end, by preference: a blank line, a line break, a space.</summary>
internal struct BreakCandidates
{
    private Candidate _paragraph;
    private Candidate _line;
    private Candidate _space;

    /// <param name="position">Where the whitespace run starts; the chunk would end there.</param>
    /// <param name="visibleLength">The chunk's visible length up to that point.</param>
    /// <param name="lineBreaks">Line breaks seen so far in the run.</param>
    public void Offer(int position, int visibleLength, int lineBreaks)
    {
        var candidate = new Candidate(position, visibleLength);
        switch (lineBreaks)
        {
            case 0:
                _space = candidate;
                break;
            case 1:
                _line = candidate;
                break;
            default:
                _paragraph = candidate;
                break;
        }
    }

    /// <summary>The preferred break that still fills at least half of the chunk; a hard cut otherwise,
    /// so one early blank line does not leave a nearly empty message.</summary>
    public readonly int Choose(int hardCut, int visibleLength)
    {
        var minimum = visibleLength / 2;
        foreach (var candidate in (ReadOnlySpan<Candidate>)[_paragraph, _line, _space])
        {
            // A break always follows some text, so position 0 means none was offered.
            if (candidate.Position > 0 && candidate.VisibleLength >= minimum)
            {
                return candidate.Position;
            }
        }

        return hardCut;
    }

    private readonly record struct Candidate(int Position, int VisibleLength);
}
