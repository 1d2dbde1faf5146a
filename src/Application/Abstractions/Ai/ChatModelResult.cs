using CleanBot.Domain.Conversations;

namespace CleanBot.Application.Abstractions.Ai;

/// <summary>What a model call came to. Every expected failure has its own case so it can be put into words.</summary>
public abstract record ChatModelResult
{
    private ChatModelResult()
    {
    }

    public sealed record Answered(string Text, TokenUsage? Usage) : ChatModelResult;

    /// <summary>Too many requests for now; <paramref name="RetryAfter"/> is the server's hint when it gave one.</summary>
    public sealed record RateLimited(TimeSpan? RetryAfter) : ChatModelResult;

    /// <summary>A quota that will not clear soon (a daily one, or billing) is used up.</summary>
    public sealed record QuotaExhausted : ChatModelResult;

    /// <summary>The prompt or the answer was withheld by the model's safety rules.</summary>
    public sealed record Blocked(string Reason) : ChatModelResult;

    /// <summary>The conversation sent is longer than the model accepts.</summary>
    public sealed record ContextTooLong : ChatModelResult;

    /// <summary>The model could not be reached or failed after retries.</summary>
    public sealed record Unavailable(string Reason) : ChatModelResult;
}
