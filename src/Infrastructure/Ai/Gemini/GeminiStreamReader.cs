using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Reads the server-sent events of <c>streamGenerateContent?alt=sse</c> as they arrive: each event is a
/// <see cref="GenerateContentResponse"/> carrying the next piece of the answer; only the last one has the finish
/// reason and the usage to keep. The pieces are put back together into one response, so the streamed answer is
/// mapped by exactly the rules of the whole one (<see cref="GeminiAnswerMapper"/>).
/// </summary>
internal static class GeminiStreamReader
{
    private static readonly SseItemParser<GenerateContentResponse?> ParseEvent = static (_, data) => GeminiEventReader.Read(data);

    /// <summary>Reports each piece of answer text to <paramref name="progress"/>; <paramref name="eventArrived"/> runs
    /// for every event, before it is handled.</summary>
    /// <exception cref="JsonException">An event is not a GenerateContentResponse.</exception>
    public static async Task<StreamedAnswer> ReadAsync(
        Stream events, IAnswerProgress progress, Action eventArrived, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var sawCandidate = false;
        string? finishReason = null;
        UsageMetadata? usage = null;
        PromptFeedback? promptFeedback = null;
        await foreach (var item in SseParser.Create(events, ParseEvent).EnumerateAsync(cancellationToken))
        {
            eventArrived();
            if (item.Data is not { } piece)
            {
                continue;
            }

            usage = piece.UsageMetadata ?? usage;
            promptFeedback = piece.PromptFeedback ?? promptFeedback;
            if (piece.Candidates is not [var candidate, ..])
            {
                continue;
            }

            sawCandidate = true;
            finishReason = candidate.FinishReason ?? finishReason;
            var pieceText = GeminiAnswerMapper.AnswerText(candidate.Content?.Parts);
            if (pieceText.Length > 0)
            {
                text.Append(pieceText);
                progress.Report(pieceText);
            }
        }

        // A blocked prompt has no candidates at all; otherwise the candidate is rebuilt whole.
        IReadOnlyList<Candidate>? candidates = sawCandidate
            ? [new Candidate(text.Length == 0 ? null : new Content("model", [new Part(text.ToString())]), finishReason)]
            : null;
        var answer = new GenerateContentResponse(candidates, promptFeedback, usage);
        return new StreamedAnswer(answer, Finished: finishReason is not null || !sawCandidate);
    }
}

/// <param name="Answer">The events put together, as <c>generateContent</c> would have answered.</param>
/// <param name="Finished">The last event said the answer is complete; a stream that just stops is not an answer.</param>
internal sealed record StreamedAnswer(GenerateContentResponse Answer, bool Finished);
