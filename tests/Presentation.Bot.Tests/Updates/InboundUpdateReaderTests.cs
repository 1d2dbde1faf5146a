using System.Text.Json;
using CleanBot.Presentation.Bot.Telegram.Updates;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>The one reading of an update's id and chat, shared by polling and the webhook.</summary>
public sealed class InboundUpdateReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void An_update_keeps_its_id_its_chat_and_its_json_as_it_came()
    {
        const string Json = """{"update_id":123,"message":{"message_id":9,"chat":{"id":-100200,"type":"supergroup"},"text":"hi"}}""";

        InboundUpdateReader.TryRead(Parse(Json), Now, out var update).Should().BeTrue();

        update!.UpdateId.Should().Be(123);
        update.ChatKey.Should().Be(-100200);
        update.Payload.Should().Be(Json);
        update.ReceivedAt.Should().Be(Now);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("""{"message":{}}""")]
    [InlineData("""{"update_id":"123"}""")]
    [InlineData("""{"update_id":1.5}""")]
    [InlineData("""{"update_id":99999999999}""")]
    [InlineData("""{"update_id":null}""")]
    public void Anything_without_a_readable_update_id_is_not_an_update(string json) =>
        InboundUpdateReader.TryRead(Parse(json), Now, out _).Should().BeFalse();

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
