namespace CleanBot.Domain.Conversations;

/// <summary>One turn of a conversation: what the user wrote or what the model answered.</summary>
public sealed class Message
{
    private Message()
    {
    }

    internal Message(MessageRole role, string text, DateTimeOffset createdAt, TokenUsage? usage)
    {
        Role = role;
        Text = text;
        CreatedAt = createdAt;
        InputTokens = usage?.InputTokens;
        OutputTokens = usage?.OutputTokens;
    }

    public long Id { get; private set; }

    public long SessionId { get; private set; }

    public MessageRole Role { get; private set; }

    public string Text { get; private set; } = string.Empty;

    /// <summary>Prompt tokens the model counted for the request that produced this answer, when known.</summary>
    public int? InputTokens { get; private set; }

    /// <summary>Tokens of this answer, when known.</summary>
    public int? OutputTokens { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
