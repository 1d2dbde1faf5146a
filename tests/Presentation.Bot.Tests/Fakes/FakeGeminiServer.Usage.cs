using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>Token counts the fake reported in one response's usageMetadata.</summary>
public sealed record ReportedUsage(int PromptTokens, int CandidatesTokens)
{
    public int TotalTokens => PromptTokens + CandidatesTokens;
}

// What the fake told the bot about token usage, so a test can compare the bot's figures with it.
public sealed partial class FakeGeminiServer
{
    private readonly List<ReportedUsage> _reportedUsage = [];

    /// <summary>The usageMetadata of every successful response, in the order they were written.</summary>
    public IReadOnlyList<ReportedUsage> ReportedUsage
    {
        get
        {
            lock (_gate)
            {
                return [.. _reportedUsage];
            }
        }
    }

    private void RecordUsage(IEnumerable<JsonObject> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (chunk["usageMetadata"] is JsonObject usage)
            {
                var reported = new ReportedUsage(
                    usage["promptTokenCount"]?.GetValue<int>() ?? 0,
                    usage["candidatesTokenCount"]?.GetValue<int>() ?? 0);
                lock (_gate)
                {
                    _reportedUsage.Add(reported);
                }
            }
        }
    }
}
