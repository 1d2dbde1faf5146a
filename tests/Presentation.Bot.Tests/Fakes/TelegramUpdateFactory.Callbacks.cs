using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// callback_query updates: a person pressing a button of an inline keyboard.
public sealed partial class TelegramUpdateFactory
{
    /// <summary>
    /// <paramref name="userId"/> presses a button carrying <paramref name="data"/> under the bot's message
    /// <paramref name="messageId"/> in <paramref name="chatId"/> (chat type follows the id's sign). Without a message id
    /// the press comes as from an inline message: no message, an inline_message_id instead.
    /// </summary>
    /// <returns>The update JSON and the callback query id the bot must answer.</returns>
    public (string Json, string CallbackQueryId) ButtonPress(
        long chatId, long userId, int? messageId, string? data, string languageCode = "en", string firstName = "Test")
    {
        var id = _server.OpenCallbackQuery();
        var query = new JsonObject
        {
            ["id"] = id,
            ["from"] = User(userId, firstName, lastName: null, username: null, languageCode),
            ["chat_instance"] = $"-{Math.Abs(chatId)}4242",
        };
        if (messageId is { } menu)
        {
            var (text, _) = _server.BotMessage(chatId, menu);
            query["message"] = new JsonObject
            {
                ["message_id"] = menu,
                ["from"] = new JsonObject { ["id"] = _server.Bot.Id, ["is_bot"] = true, ["first_name"] = _server.Bot.FirstName, ["username"] = _server.Bot.Username },
                ["chat"] = ChatFor(chatId),
                ["date"] = FakeJson.UnixNow() - 5,
                ["text"] = text,
            };
        }
        else
        {
            query["inline_message_id"] = "AgAAAEJ" + Guid.NewGuid().ToString("N")[..16];
        }

        if (data is not null)
        {
            query["data"] = data;
        }

        return (Wrap("callback_query", query), id);
    }
}
