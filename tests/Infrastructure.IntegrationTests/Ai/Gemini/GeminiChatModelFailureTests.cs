using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanBot.Application.Abstractions.Ai;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class GeminiChatModelFailureTests
{
    [Fact]
    public async Task A_rate_limit_with_a_short_retry_delay_is_waited_out_and_retried()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(
            GeminiReplies.RateLimited(
                GeminiReplies.QuotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
                GeminiReplies.RetryInfo("0.05s")),
            GeminiReplies.Answer("Hi!"));

        var result = await gemini.AskAsync();

        result.Should().BeOfType<ChatModelResult.Answered>().Which.Text.Should().Be("Hi!");
        gemini.Server.Requests.Should().HaveCount(2)
            .And.AllSatisfy(request => request.ApiKey.Should().Be(GeminiHarness.ApiKey, "a retry carries the key once"));
    }

    [Fact]
    public async Task A_rate_limit_that_outlasts_the_retries_is_reported_with_the_servers_delay()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["MaxRetryAttempts"] = "2" });
        gemini.Server.Otherwise = GeminiReplies.RateLimited(
            GeminiReplies.QuotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
            GeminiReplies.RetryInfo("0.02s"));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.RateLimited(TimeSpan.FromMilliseconds(20)));
        gemini.Server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_daily_quota_is_reported_as_exhausted_without_retrying()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.RateLimited(
            GeminiReplies.QuotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier"),
            GeminiReplies.RetryInfo("0.05s")));

        var result = await gemini.AskAsync();

        result.Should().BeOfType<ChatModelResult.QuotaExhausted>();
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_rate_limit_with_a_long_retry_delay_is_reported_at_once()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.RateLimited(
            GeminiReplies.QuotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
            GeminiReplies.RetryInfo("37s")));
        var stopwatch = Stopwatch.StartNew();

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.RateLimited(TimeSpan.FromSeconds(37)));
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task The_retry_delay_is_read_from_the_message_when_no_RetryInfo_is_given()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Error(
            429, "RESOURCE_EXHAUSTED", "Quota exceeded for metric: generate_content_requests. Please retry in 12.3s."));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.RateLimited(TimeSpan.FromSeconds(12.3)));
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task The_retry_delay_is_read_from_the_Retry_After_header_when_the_body_gives_none()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).") with
        {
            RetryAfter = "60",
        });

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.RateLimited(TimeSpan.FromSeconds(60)));
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Overload_is_retried_until_the_model_answers()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        var overloaded = GeminiReplies.Error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
        gemini.Server.Reply(overloaded, overloaded, GeminiReplies.Answer("Hi!"));

        var result = await gemini.AskAsync();

        result.Should().BeOfType<ChatModelResult.Answered>();
        gemini.Server.Requests.Should().HaveCount(3);
        gemini.Server.Requests.Select(request => request.Body).Distinct().Should().ContainSingle("each attempt sends the whole request again")
            .Which.Should().Contain("\"contents\"");
        gemini.Server.Requests.Should().OnlyContain(
            request => request.ContentLength == Encoding.UTF8.GetByteCount(request.Body), "each attempt states the length of what it sends");
    }

    [Fact]
    public async Task A_server_error_that_persists_is_unavailable_after_every_retry()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["MaxRetryAttempts"] = "3" });
        gemini.Server.Otherwise = GeminiReplies.Error(500, "INTERNAL", "An internal error has occurred.");

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("HTTP 500 INTERNAL"));
        gemini.Server.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task An_over_long_conversation_is_reported_without_retrying()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Otherwise = GeminiReplies.Error(
            400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).");

        var result = await gemini.AskAsync();

        result.Should().BeOfType<ChatModelResult.ContextTooLong>();
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")]
    [InlineData(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.")]
    [InlineData(404, "NOT_FOUND", "models/gemini-0 is not found for API version v1beta.")]
    public async Task A_request_Gemini_refuses_is_unavailable_without_retrying(int statusCode, string status, string message)
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Otherwise = GeminiReplies.Error(statusCode, status, message);

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable($"HTTP {statusCode} {status}"));
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task An_attempt_slower_than_the_request_timeout_is_retried_then_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["RequestTimeout"] = "00:00:00.150",
            ["MaxRetryAttempts"] = "1",
        });
        gemini.Server.Otherwise = GeminiReplies.Answer("Too late.") with { Delay = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("timeout"));
        gemini.Server.Requests.Should().HaveCount(2);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_answer_whose_body_stalls_is_retried_within_the_request_timeout()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["RequestTimeout"] = "00:00:00.200",
            ["MaxRetryAttempts"] = "1",
        });
        gemini.Server.Reply(GeminiReplies.Answer("Never finished.") with { StallAfterBody = true }, GeminiReplies.Answer("Hi!"));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(5));

        var result = await gemini.AskAsync(patience.Token);

        result.Should().BeOfType<ChatModelResult.Answered>().Which.Text.Should().Be("Hi!",
            "the attempt reads the whole body, so a body that never ends is the attempt's timeout and is retried");
        gemini.Server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_total_timeout_is_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["TotalTimeout"] = "00:00:00.300" });
        gemini.Server.Otherwise = GeminiReplies.Answer("Too late.") with { Delay = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("timeout"));
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_goes_nowhere_else()
    {
        await using var elsewhere = await FakeGeminiServer.StartAsync();
        elsewhere.Otherwise = GeminiReplies.Answer("Answered elsewhere.");
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Otherwise = new FakeResponse(
            (int)HttpStatusCode.TemporaryRedirect, string.Empty, Location: new Uri(elsewhere.BaseUrl, "/v1beta/models/moved").ToString());

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("HTTP 307"));
        gemini.Server.Requests.Should().ContainSingle();
        elsewhere.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            ["MaxRetryAttempts"] = "1",
        });

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("unreachable"));
    }

    [Fact]
    public async Task The_callers_cancellation_is_thrown_not_reported()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Otherwise = GeminiReplies.Answer("Too late.") with { Delay = TimeSpan.FromSeconds(5) };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var asking = gemini.AskAsync(cancellation.Token);
        await gemini.Server.FirstRequestReceived.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => asking).Should().ThrowAsync<OperationCanceledException>();
        gemini.Server.Requests.Should().HaveCount(1);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
