namespace CleanBot.Application.Abstractions.Ai;

/// <summary>A generative model that continues a conversation.</summary>
public interface IChatModel
{
    /// <summary>Expected failures (rate limits, blocks, an over-long context) come back as results, not exceptions.</summary>
    Task<ChatModelResult> GenerateAsync(ChatModelRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="GenerateAsync"/>, reporting the answer's text to <paramref name="progress"/> while it arrives. The
    /// result is the same as <see cref="GenerateAsync"/>'s; after a failure the pieces reported are not an answer.
    /// </summary>
    Task<ChatModelResult> StreamAsync(ChatModelRequest request, IAnswerProgress progress, CancellationToken cancellationToken);
}
