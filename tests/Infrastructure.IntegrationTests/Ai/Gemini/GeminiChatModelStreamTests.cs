using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>The adapter's streamed call: <c>streamGenerateContent?alt=sse</c>, read while it arrives.</summary>
public sealed class GeminiChatModelStreamTests
{
    [Fact]
    public async Task Each_piece_is_reported_and_the_result_is_the_whole_text_with_the_last_events_usage()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["Model"] = "gemini-test" });
        gemini.Server.Reply(GeminiReplies.Stream(["Hel", "lo ", "there!"]));
        var progress = new RecordedProgress();

        var result = await StreamAsync(gemini, progress);

        result.Should().Be(new ChatModelResult.Answered("Hello there!", new TokenUsage(12, 10)));
        progress.Pieces.Should().Equal("Hel", "lo ", "there!");
        var request = gemini.Server.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1beta/models/gemini-test:streamGenerateContent?alt=sse");
        request.ApiKey.Should().Be(GeminiHarness.ApiKey);
    }

    [Fact]
    public async Task A_daily_quota_on_the_streamed_call_is_reported_as_on_the_whole_one()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.RateLimited(GeminiReplies.QuotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier")));
        var progress = new RecordedProgress();

        var result = await StreamAsync(gemini, progress);

        result.Should().BeOfType<ChatModelResult.QuotaExhausted>();
        progress.Pieces.Should().BeEmpty();
        gemini.Server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_too_long_conversation_on_the_streamed_call_is_reported_as_such()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Error(
            400, "INVALID_ARGUMENT", "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576)."));

        var result = await StreamAsync(gemini, new RecordedProgress());

        result.Should().BeOfType<ChatModelResult.ContextTooLong>();
    }

    [Fact]
    public async Task A_short_rate_limit_before_the_stream_is_waited_out_and_retried()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(
            GeminiReplies.RateLimited(GeminiReplies.RetryInfo("0.05s")),
            GeminiReplies.Stream(["Fine, ", "thanks."]));

        var result = await StreamAsync(gemini, new RecordedProgress());

        result.Should().BeOfType<ChatModelResult.Answered>().Which.Text.Should().Be("Fine, thanks.");
        gemini.Server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_stream_that_stops_before_its_first_words_is_asked_again_once()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(
            new FakeResponse(
                200,
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Thinking...\", \"thought\": true}]}}]}\r\n\r\n",
                ContentType: "text/event-stream"),
            GeminiReplies.Stream(["Second ", "time."]));
        var progress = new RecordedProgress();

        var result = await StreamAsync(gemini, progress);

        result.Should().BeOfType<ChatModelResult.Answered>().Which.Text.Should().Be("Second time.");
        progress.Pieces.Should().Equal("Second ", "time.");
        gemini.Server.Requests.Should().HaveCount(2);
        gemini.Server.Requests.Select(request => request.Body).Distinct().Should().ContainSingle("the call is asked again as it was")
            .Which.Should().Contain("\"contents\"");
        gemini.Logs.Entries.Should().Contain(line => line.Contains("asking once more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_that_stalls_after_some_words_times_out_and_is_not_asked_again()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["RequestTimeout"] = "00:00:00.300" });
        gemini.Server.Reply(GeminiReplies.Stream(["Once upon ", "a time"], finishReason: null, stallAfterBody: true));
        var progress = new RecordedProgress();

        var result = await StreamAsync(gemini, progress);

        result.Should().Be(new ChatModelResult.Unavailable("timeout"));
        progress.Pieces.Should().Equal("Once upon ", "a time");
        gemini.Server.Requests.Should().ContainSingle("the words already shown cannot be taken back");
    }

    [Fact]
    public async Task A_stream_that_never_ends_is_cut_off_by_the_total_timeout_though_its_events_keep_coming()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["RequestTimeout"] = "00:00:00.300",
            ["TotalTimeout"] = "00:00:01",
        });
        gemini.Server.Reply(new FakeResponse(
            200, GeminiReplies.Event("more ", finishReason: null), ContentType: "text/event-stream", RepeatBodyEvery: TimeSpan.FromMilliseconds(50)));
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromSeconds(10));
        var progress = new RecordedProgress();

        var result = await gemini.ChatModel.StreamAsync(GeminiHarness.Request("Be brief.", "Hello?"), progress, giveUp.Token);

        result.Should().Be(new ChatModelResult.Unavailable("timeout"));
        progress.Pieces.Count.Should().BeGreaterThan(5, "events kept coming well within the wait allowed between two");
        gemini.Server.Requests.Should().ContainSingle("words were shown, so the call is not asked again");
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_finish_reason_is_not_an_answer()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Stream(["Half ", "an answer"], finishReason: null));

        var result = await StreamAsync(gemini, new RecordedProgress());

        result.Should().Be(new ChatModelResult.Unavailable("stream interrupted"));
        gemini.Logs.Entries.Should().Contain(line => line.Contains("stopped before it was complete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_blocked_prompt_on_the_stream_is_reported_as_blocked()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(
            200,
            "data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"}, \"usageMetadata\": {\"promptTokenCount\": 9}}\r\n\r\n",
            ContentType: "text/event-stream"));

        var result = await StreamAsync(gemini, new RecordedProgress());

        result.Should().Be(new ChatModelResult.Blocked("PROHIBITED_CONTENT"));
    }

    [Fact]
    public async Task A_malformed_event_is_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, "data: {\"candidates\": [\r\n\r\n", ContentType: "text/event-stream"));

        var result = await StreamAsync(gemini, new RecordedProgress());

        result.Should().Be(new ChatModelResult.Unavailable("malformed answer"));
    }

    private static Task<ChatModelResult> StreamAsync(GeminiHarness gemini, IAnswerProgress progress) =>
        gemini.ChatModel.StreamAsync(GeminiHarness.Request("Be brief.", "Hello?"), progress, TestContext.Current.CancellationToken);
}

/// <summary>The pieces a streamed call reported, in order.</summary>
internal sealed class RecordedProgress : IAnswerProgress
{
    private readonly List<string> _pieces = [];

    public IReadOnlyList<string> Pieces => _pieces;

    public void Report(string piece) => _pieces.Add(piece);
}
