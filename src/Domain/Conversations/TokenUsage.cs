namespace CleanBot.Domain.Conversations;

/// <summary>Token counts the model reported for one request.</summary>
public sealed record TokenUsage(int InputTokens, int OutputTokens)
{
    public int TotalTokens => InputTokens + OutputTokens;
}
