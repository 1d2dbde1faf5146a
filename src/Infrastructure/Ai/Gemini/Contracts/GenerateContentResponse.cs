namespace CleanBot.Infrastructure.Ai.Gemini.Contracts;

/// <summary>A successful answer of <c>generateContent</c>; a blocked prompt comes back with no candidates.</summary>
internal sealed record GenerateContentResponse(
    IReadOnlyList<Candidate>? Candidates,
    PromptFeedback? PromptFeedback,
    UsageMetadata? UsageMetadata);

/// <summary>One answer. A candidate stopped for safety may have no <paramref name="Content"/> at all.</summary>
internal sealed record Candidate(Content? Content, string? FinishReason);

/// <summary>The answer's turn; <paramref name="Role"/> is "model".</summary>
internal sealed record Content(string? Role, IReadOnlyList<Part> Parts);

/// <summary>A piece of the answer. The model's reasoning is marked by <paramref name="Thought"/>.</summary>
internal sealed record Part(string? Text, bool? Thought = null);

internal sealed record PromptFeedback(string? BlockReason);

internal sealed record UsageMetadata(int PromptTokenCount, int CandidatesTokenCount, int ThoughtsTokenCount);
