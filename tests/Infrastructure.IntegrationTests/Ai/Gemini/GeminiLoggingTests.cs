namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class GeminiLoggingTests
{
    [Fact]
    public async Task The_api_key_never_reaches_the_logs_even_at_trace_level()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(
            GeminiReplies.RateLimited(GeminiReplies.RetryInfo("0.01s")),
            GeminiReplies.Answer("Hi!"),
            GeminiReplies.Error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."));

        await gemini.AskAsync();
        await gemini.AskAsync();

        var logs = gemini.Logs.Entries;
        logs.Should().Contain(entry => entry.Contains("Gemini attempt 1 failed (HTTP 429); trying again in", StringComparison.Ordinal),
            "each retry is logged with what is known of the attempt, so the test would notice a key among it");
        logs.Should().Contain(entry => entry.Contains("PERMISSION_DENIED", StringComparison.Ordinal));
        logs.Should().NotContain(entry => entry.Contains(GeminiHarness.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_factory_does_not_log_each_request()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Error(503, "UNAVAILABLE", "The model is overloaded."), GeminiReplies.Answer("Hi!"));

        await gemini.AskAsync();

        var logs = gemini.Logs.Entries;
        logs.Should().ContainSingle(entry => entry.Contains("Gemini attempt 1 failed (HTTP 503)", StringComparison.Ordinal),
            "the adapter logs the attempt it retries, and the logs are captured at trace level");
        logs.Should().NotContain(entry => entry.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal),
            "the adapter logs its failures itself, and the factory's logging handlers would be two more layers on every call");
    }
}
