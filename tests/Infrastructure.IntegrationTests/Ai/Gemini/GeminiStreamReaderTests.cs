using System.Text;
using CleanBot.Infrastructure.Ai.Gemini;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>Reading the server-sent events of a streamed answer, without a server.</summary>
public sealed class GeminiStreamReaderTests
{
    [Fact]
    public async Task Pieces_are_put_together_and_only_the_last_finish_reason_and_usage_are_kept()
    {
        var events = GeminiReplies.Event("Salam ", finishReason: null) + GeminiReplies.Event("donya", finishReason: "MAX_TOKENS");
        var progress = new RecordedProgress();

        var streamed = await ReadAsync(events, progress);

        streamed.Finished.Should().BeTrue();
        progress.Pieces.Should().Equal("Salam ", "donya");
        var candidate = streamed.Answer.Candidates.Should().ContainSingle().Subject;
        candidate.FinishReason.Should().Be("MAX_TOKENS");
        candidate.Content!.Parts.Should().ContainSingle().Which.Text.Should().Be("Salam donya");
        streamed.Answer.UsageMetadata!.CandidatesTokenCount.Should().Be(7);
    }

    [Fact]
    public async Task Thought_parts_are_not_reported_and_events_may_end_with_lf_only()
    {
        const string events = """
            data: {"candidates":[{"content":{"parts":[{"text":"Let me think.","thought":true}]}}]}

            : a comment line, which SSE allows
            data: {"candidates":[{"content":{"parts":[{"text":"Answer."}]},"finishReason":"STOP"}]}


            """;
        var progress = new RecordedProgress();

        var streamed = await ReadAsync(events, progress);

        progress.Pieces.Should().Equal("Answer.");
        streamed.Answer.Candidates![0].Content!.Parts[0].Text.Should().Be("Answer.");
    }

    [Fact]
    public async Task A_stream_whose_events_never_finish_is_not_finished()
    {
        var streamed = await ReadAsync(GeminiReplies.Event("Half", finishReason: null), new RecordedProgress());

        streamed.Finished.Should().BeFalse();
    }

    [Fact]
    public async Task Every_event_is_announced_before_it_is_handled()
    {
        var events = GeminiReplies.Event("a", null) + GeminiReplies.Event("b", null) + GeminiReplies.Event("c", "STOP");
        var log = new List<string>();
        var progress = new LoggingProgress(log);

        await GeminiStreamReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(events)), progress, () => log.Add("event"), TestContext.Current.CancellationToken);

        log.Should().Equal("event", "a", "event", "b", "event", "c");
    }

    private static Task<StreamedAnswer> ReadAsync(string events, RecordedProgress progress) =>
        GeminiStreamReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(events)), progress, () => { }, TestContext.Current.CancellationToken);

    private sealed class LoggingProgress(List<string> log) : Application.Abstractions.Ai.IAnswerProgress
    {
        public void Report(string piece) => log.Add(piece);
    }
}
