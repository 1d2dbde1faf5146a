using System.Globalization;
using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// inline_query updates: what a client sends while a person types "@botname ..." in a chat.
public sealed partial class TelegramUpdateFactory
{
    private long _inlineQuerySequence = 4_200_000_000_000_000_000;

    /// <summary>
    /// An inline query from <paramref name="userId"/> with a fresh id (see <see cref="InlineQueryIdOf"/>), which the
    /// server then takes one answer to, within <see cref="FakeTelegramServer.InlineQueryLifetime"/>.
    /// </summary>
    /// <param name="chatType">Where it was typed: "sender" (the private chat with the bot), "private", "group",
    /// "supergroup" or "channel".</param>
    public string InlineQuery(long userId, string query, string languageCode = "en", string chatType = "private", string firstName = "Test")
    {
        var id = Interlocked.Increment(ref _inlineQuerySequence).ToString(CultureInfo.InvariantCulture);
        _server.IssueInlineQuery(id);
        return Wrap("inline_query", new JsonObject
        {
            ["id"] = id,
            ["from"] = User(userId, firstName, lastName: null, username: null, languageCode),
            ["query"] = query,
            ["offset"] = string.Empty,
            ["chat_type"] = chatType,
        });
    }

    public static string InlineQueryIdOf(string updateJson) =>
        JsonNode.Parse(updateJson)!["inline_query"]!["id"]!.GetValue<string>();
}
