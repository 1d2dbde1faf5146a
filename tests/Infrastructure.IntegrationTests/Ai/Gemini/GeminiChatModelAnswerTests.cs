using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class GeminiChatModelAnswerTests
{
    [Fact]
    public async Task An_answer_comes_back_with_its_text_and_token_usage()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("Hello! How can I help?"));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Answered("Hello! How can I help?", new TokenUsage(12, 7)));
    }

    [Fact]
    public async Task Thought_parts_are_left_out_of_the_text_but_their_tokens_count_as_output()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, """
            {
              "candidates": [{
                "content": { "role": "model", "parts": [
                  { "text": "The user greets me; I should greet back.", "thought": true },
                  { "text": "Hello " },
                  { "text": "there!" }
                ] },
                "finishReason": "STOP"
              }],
              "usageMetadata": { "promptTokenCount": 10, "candidatesTokenCount": 4, "thoughtsTokenCount": 30, "totalTokenCount": 44 }
            }
            """));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Answered("Hello there!", new TokenUsage(10, 34)));
    }

    [Fact]
    public async Task An_answer_cut_short_by_the_token_limit_keeps_its_text()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("The first part of a long", finishReason: "MAX_TOKENS"));

        var result = await gemini.AskAsync();

        result.Should().BeOfType<ChatModelResult.Answered>().Which.Text.Should().Be("The first part of a long");
    }

    [Fact]
    public async Task A_blocked_prompt_is_reported_as_blocked_with_the_block_reason()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, """
            {
              "promptFeedback": { "blockReason": "PROHIBITED_CONTENT" },
              "usageMetadata": { "promptTokenCount": 9, "totalTokenCount": 9 }
            }
            """));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Blocked("PROHIBITED_CONTENT"));
        gemini.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task An_answer_stopped_for_safety_without_content_is_reported_as_blocked()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, """
            {
              "candidates": [{ "finishReason": "SAFETY", "index": 0, "safetyRatings": [] }],
              "usageMetadata": { "promptTokenCount": 9, "totalTokenCount": 9 }
            }
            """));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Blocked("SAFETY"));
    }

    [Fact]
    public async Task An_answer_without_text_for_no_safety_reason_is_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, """
            { "candidates": [{ "content": { "role": "model", "parts": [] }, "finishReason": "STOP" }] }
            """));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("empty answer"));
    }

    [Fact]
    public async Task An_unreadable_answer_is_unavailable()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(new FakeResponse(200, "<html>Service is being upgraded</html>"));

        var result = await gemini.AskAsync();

        result.Should().Be(new ChatModelResult.Unavailable("malformed answer"));
    }
}
