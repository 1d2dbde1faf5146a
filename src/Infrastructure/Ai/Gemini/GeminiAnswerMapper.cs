using System.Collections.Frozen;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>Turns a successful <c>generateContent</c> answer into a <see cref="ChatModelResult"/>.</summary>
internal static class GeminiAnswerMapper
{
    public const string EmptyAnswer = "empty answer";

    // Finish reasons that mean the answer was withheld rather than lost.
    private static readonly FrozenSet<string> WithholdingFinishReasons =
        FrozenSet.Create(StringComparer.Ordinal, "SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "RECITATION");

    public static ChatModelResult Map(GenerateContentResponse response)
    {
        if (response.Candidates is not [var candidate, ..])
        {
            return response.PromptFeedback?.BlockReason is { Length: > 0 } blockReason
                ? new ChatModelResult.Blocked(blockReason)
                : new ChatModelResult.Unavailable(EmptyAnswer);
        }

        // An answer cut short by MAX_TOKENS still has text worth showing.
        var text = AnswerText(candidate.Content?.Parts);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return new ChatModelResult.Answered(text, Usage(response.UsageMetadata));
        }

        return candidate.FinishReason is { } finishReason && WithholdingFinishReasons.Contains(finishReason)
            ? new ChatModelResult.Blocked(finishReason)
            : new ChatModelResult.Unavailable(EmptyAnswer);
    }

    // Thought parts are the model's reasoning, not its answer. A loop, not LINQ: it runs for every event of every
    // streamed answer, whose text is nearly always one part, and the iterators were about 1 % of the bot's allocations.
    public static string AnswerText(IReadOnlyList<Part>? parts)
    {
        var text = string.Empty;
        if (parts is null)
        {
            return text;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is { Thought: not true, Text: { } partText })
            {
                text = text.Length == 0 ? partText : string.Concat(text, partText);
            }
        }

        return text;
    }

    // Thinking tokens are billed as output.
    private static TokenUsage? Usage(UsageMetadata? usage) =>
        usage is null ? null : new TokenUsage(usage.PromptTokenCount, usage.CandidatesTokenCount + usage.ThoughtsTokenCount);
}
