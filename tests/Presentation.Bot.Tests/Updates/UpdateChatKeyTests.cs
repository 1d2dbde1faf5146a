using System.Text.Json;
using CleanBot.Presentation.Bot.Telegram.Updates;

namespace CleanBot.Presentation.Bot.Tests.Updates;

public sealed class UpdateChatKeyTests
{
    // Telegram ids have at most 52 significant bits; supergroups and channels are -100xxxxxxxxxx.
    private const long LargestUserId = (1L << 52) - 1;

    [Fact]
    public void A_persons_inline_queries_have_a_key_of_their_own_apart_from_their_private_chat()
    {
        var key = UpdateChatKey.Of(Parse("""{"update_id":1,"inline_query":{"id":"9","from":{"id":42,"is_bot":false,"first_name":"S"},"query":"q","offset":""}}"""));

        key.Should().Be(UpdateChatKey.InlineQueriesOf(42)).And.NotBe(42);
        UpdateChatKey.IsInlineQueries(key).Should().BeTrue();
    }

    [Theory]
    [InlineData(42)]
    [InlineData(LargestUserId)]
    [InlineData(-42)]
    [InlineData(-1_009_999_999_999_999)]
    public void No_chat_is_taken_for_inline_queries(long chatId) =>
        UpdateChatKey.IsInlineQueries(chatId).Should().BeFalse();

    [Fact]
    public void A_private_message_is_keyed_by_its_chat() =>
        UpdateChatKey.Of(Parse("""{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":42,"type":"private"},"text":"hi"}}""")).Should().Be(42);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
