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
        logs.Should().Contain(entry => entry.Contains("Request Headers", StringComparison.Ordinal),
            "request headers are logged at trace level, so the test would notice a key among them");
        logs.Should().Contain(entry => entry.Contains("PERMISSION_DENIED", StringComparison.Ordinal));
        logs.Should().NotContain(entry => entry.Contains(GeminiHarness.ApiKey, StringComparison.Ordinal));
    }
}
