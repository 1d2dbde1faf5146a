namespace CleanBot.Application.Abstractions.Ai;

/// <summary>A generative model that continues a conversation.</summary>
public interface IChatModel
{
    /// <summary>Expected failures (rate limits, blocks, an over-long context) come back as results, not exceptions.</summary>
    Task<ChatModelResult> GenerateAsync(ChatModelRequest request, CancellationToken cancellationToken);
}
