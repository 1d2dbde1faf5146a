using System.Text;
using System.Text.Json;
using CleanBot.Infrastructure.Ai.Gemini;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>
/// A streamed event is read by the JSON reader alone, the whole answer by the serializer: both must read the same
/// JSON alike, and refuse the same JSON.
/// </summary>
public sealed class GeminiEventReaderTests
{
    public static TheoryData<string> Events =>
    [
        """{"candidates":[{"content":{"parts":[{"text":"Salam "}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"abc"}""",
        """{"candidates":[{"content":{"parts":[{"text":"سلام دنیا ✨ \"quoted\" \u00e9\n"}],"role":"model"},"finishReason":"STOP","safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}]}],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":7,"thoughtsTokenCount":3,"totalTokenCount":22,"promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]}}""",
        """{"candidates":[{"content":{"parts":[{"text":"Let me think.","thought":true},{"text":"Answer.","thought":false}]}}]}""",
        """{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":"5"}}""",
        """{"candidates":[{"content":null,"finishReason":"SAFETY"}],"promptFeedback":null,"usageMetadata":null}""",
        """{"candidates":[],"extra":{"nested":[1,2,{"deep":[true,null]}]}}""",
        """{"candidates":null}""",
        """{}""",
        """ null """,
    ];

    public static TheoryData<string> Malformed =>
    [
        "not json",
        """{"candidates":{}}""",
        """{"candidates":[1]}""",
        """{"candidates":[{"finishReason":5}]}""",
        """{"candidates":[{"content":{"parts":[{"thought":"yes"}]}}]}""",
        """{"usageMetadata":{"promptTokenCount":"many"}}""",
        """{"usageMetadata":{"promptTokenCount":1.5}}""",
        """{"candidates":[]} {"candidates":[]}""",
        """[]""",
        """{"candidates":[{"content":{"parts":[{"text":"unfinished"}""",
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reads_as_the_serializer_reads_it(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var read = GeminiEventReader.Read(bytes);

        Written(read).Should().Be(Written(JsonSerializer.Deserialize(bytes, GeminiJsonContext.Default.GenerateContentResponse)));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void An_event_the_serializer_refuses_is_refused(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var read = () => GeminiEventReader.Read(bytes);
        var deserialize = () => JsonSerializer.Deserialize(bytes, GeminiJsonContext.Default.GenerateContentResponse);

        deserialize.Should().Throw<JsonException>();
        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_content_with_its_role_only_has_no_text()
    {
        var read = GeminiEventReader.Read("""{"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS"}]}"""u8);

        GeminiAnswerMapper.AnswerText(read!.Candidates![0].Content!.Parts).Should().BeEmpty();
    }

    private static string Written(GenerateContentResponse? response) =>
        response is null ? "null" : JsonSerializer.Serialize(response, GeminiJsonContext.Default.GenerateContentResponse);
}
