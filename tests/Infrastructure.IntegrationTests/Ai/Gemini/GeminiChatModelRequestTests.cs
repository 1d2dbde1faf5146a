using System.Text;
using System.Text.Json.Nodes;
using CleanBot.Application.Abstractions.Ai;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class GeminiChatModelRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posts_the_conversation_to_the_models_generateContent_endpoint_with_the_key_in_a_header()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("Hi!"));

        await gemini.ChatModel.GenerateAsync(GeminiHarness.Request("Be brief.", "Hello?"), Ct);

        var request = gemini.Server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1beta/models/gemini-2.5-flash:generateContent");
        request.ApiKey.Should().Be(GeminiHarness.ApiKey);
        request.ContentType.Should().StartWith("application/json");
        ShouldBeJson(request.Body, """
            {
              "contents": [{ "role": "user", "parts": [{ "text": "Hello?" }] }],
              "systemInstruction": { "parts": [{ "text": "Be brief." }] }
            }
            """);
    }

    [Fact]
    public async Task Sends_the_history_oldest_first_with_user_and_model_roles()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("Paris has about two million people."));

        await gemini.ChatModel.GenerateAsync(
            GeminiHarness.Request("You are a guide.", "What is the capital of France?", "Paris.", "How many people live there?"),
            Ct);

        ShouldBeJson(gemini.Server.Requests.Single().Body, """
            {
              "contents": [
                { "role": "user", "parts": [{ "text": "What is the capital of France?" }] },
                { "role": "model", "parts": [{ "text": "Paris." }] },
                { "role": "user", "parts": [{ "text": "How many people live there?" }] }
              ],
              "systemInstruction": { "parts": [{ "text": "You are a guide." }] }
            }
            """);
    }

    [Fact]
    public async Task Sends_Persian_text_as_UTF_8_rather_than_escapes_with_the_bodys_length()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("پاریس."));
        const string question = "پایتخت فرانسه کجاست؟";

        await gemini.ChatModel.GenerateAsync(GeminiHarness.Request("کوتاه پاسخ بده.", question), Ct);

        var request = gemini.Server.Requests.Single();
        request.Body.Should().Contain(question).And.NotContain("\\u", "a Persian letter escaped takes 6 bytes instead of 2");
        request.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(request.Body), "the body goes out whole, not in chunks");
        ShouldBeJson(request.Body, """
            {
              "contents": [{ "role": "user", "parts": [{ "text": "پایتخت فرانسه کجاست؟" }] }],
              "systemInstruction": { "parts": [{ "text": "کوتاه پاسخ بده." }] }
            }
            """);
    }

    [Fact]
    public async Task Sends_the_configured_model_and_generation_settings()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Model"] = "gemini-2.5-pro",
            ["Temperature"] = "0.25",
            ["MaxOutputTokens"] = "256",
        });
        gemini.Server.Reply(GeminiReplies.Answer("Hi!"));

        await gemini.AskAsync();

        var request = gemini.Server.Requests.Single();
        request.Path.Should().Be("/v1beta/models/gemini-2.5-pro:generateContent");
        JsonNode.Parse(request.Body)!["generationConfig"]!.ToJsonString()
            .Should().Be("""{"temperature":0.25,"maxOutputTokens":256}""");
    }

    [Fact]
    public async Task Sends_an_image_as_base64_inline_data_ahead_of_the_text_of_the_newest_turn_only()
    {
        await using var gemini = await GeminiHarness.StartAsync();
        gemini.Server.Reply(GeminiReplies.Answer("A cat."));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9];
        var conversation = GeminiHarness.Request("Be brief.", "[photo] What is this?", "A dog.", "[photo] And this?");
        var request = conversation with { Image = new ImageAttachment("image/jpeg", jpeg) };

        await gemini.ChatModel.GenerateAsync(request, Ct);

        ShouldBeJson(gemini.Server.Requests.Single().Body, $$"""
            {
              "contents": [
                { "role": "user", "parts": [{ "text": "[photo] What is this?" }] },
                { "role": "model", "parts": [{ "text": "A dog." }] },
                { "role": "user", "parts": [
                  { "inlineData": { "mimeType": "image/jpeg", "data": "{{Convert.ToBase64String(jpeg)}}" } },
                  { "text": "[photo] And this?" }
                ] }
              ],
              "systemInstruction": { "parts": [{ "text": "Be brief." }] }
            }
            """);
    }

    private static void ShouldBeJson(string actual, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)).Should().BeTrue($"the body sent was {actual}");
}
