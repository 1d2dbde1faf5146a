namespace CleanBot.Domain.Conversations;

/// <summary>How much past conversation the model may see: at most <see cref="MaxMessages"/> messages and
/// <see cref="MaxCharacters"/> characters of text (a cheap, provider-neutral stand-in for tokens).</summary>
public sealed record HistoryBudget
{
    public HistoryBudget(int maxMessages, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        MaxMessages = maxMessages;
        MaxCharacters = maxCharacters;
    }

    public int MaxMessages { get; }

    public int MaxCharacters { get; }

    /// <summary>A budget half the size, used when the model says the context was too long.</summary>
    public HistoryBudget Halved() => new(Math.Max(1, MaxMessages / 2), Math.Max(1, MaxCharacters / 2));
}
