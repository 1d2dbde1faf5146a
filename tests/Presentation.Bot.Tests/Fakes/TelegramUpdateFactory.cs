using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// Builds update JSON shaped like the real server's (without update_id: <see cref="FakeTelegramServer.EnqueueUpdate"/>
/// assigns it). Message ids come from the server's per-chat counter, shared with the bot's own messages.
/// Without explicit entities, bot_command and mention entities are detected as Telegram does.
/// </summary>
public sealed partial class TelegramUpdateFactory
{
    private const long SupergroupIdBelow = -1_000_000_000_000;

    private readonly FakeTelegramServer _server;

    internal TelegramUpdateFactory(FakeTelegramServer server) => _server = server;

    /// <summary>A text message in the private chat with <paramref name="userId"/> (chat id = user id).</summary>
    public string PrivateText(
        long userId, string text, string languageCode = "en", string firstName = "Test", string? lastName = null,
        string? username = null)
    {
        var chat = new JsonObject { ["id"] = userId, ["first_name"] = firstName, ["type"] = "private" };
        AddIfSet(chat, "last_name", lastName);
        AddIfSet(chat, "username", username);
        var message = Message(userId, chat, User(userId, firstName, lastName, username, languageCode));
        AddText(message, text, entities: null);
        return Wrap("message", message);
    }

    /// <summary>A text message in a group (ids below -10^12 are supergroups, as on Telegram).</summary>
    /// <param name="replyToBotMessage">Reply to the bot's latest message there (privacy mode lets the bot see it).</param>
    public string GroupText(
        long chatId, long userId, string text, IReadOnlyList<FakeEntity>? entities = null, bool replyToBotMessage = false,
        int? messageThreadId = null, string firstName = "Member", string languageCode = "en")
    {
        var message = Message(chatId, GroupChat(chatId, isForum: messageThreadId is not null),
            User(userId, firstName, lastName: null, username: null, languageCode));
        AddText(message, text, entities);
        if (messageThreadId is { } thread)
        {
            message["message_thread_id"] = thread;
            message["is_topic_message"] = true;
        }

        if (replyToBotMessage)
        {
            var (botMessageId, botText) = _server.BotMessageToReplyTo(chatId);
            var bot = _server.Bot;
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = botMessageId,
                ["from"] = new JsonObject { ["id"] = bot.Id, ["is_bot"] = true, ["first_name"] = bot.FirstName, ["username"] = bot.Username },
                ["chat"] = GroupChat(chatId, isForum: messageThreadId is not null),
                ["date"] = FakeJson.UnixNow() - 60,
                ["text"] = botText,
            };
        }

        return Wrap("message", message);
    }

    /// <summary>A sticker (no text) from <paramref name="userId"/>; chat type follows the id's sign.</summary>
    public string Sticker(long chatId, long userId, string emoji = "👍", string setName = "TestStickers")
    {
        var message = Message(chatId, ChatFor(chatId), User(userId, "Test", lastName: null, username: null, "en"));
        var fileSuffix = Guid.NewGuid().ToString("N")[..12];
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "CAACAgIAAxkBAAI" + fileSuffix,
            ["file_unique_id"] = "AgAD" + fileSuffix[..8],
            ["type"] = "regular",
            ["width"] = 512,
            ["height"] = 512,
            ["is_animated"] = false,
            ["is_video"] = false,
            ["emoji"] = emoji,
            ["set_name"] = setName,
            ["file_size"] = 23_000,
        };
        return Wrap("message", message);
    }

    /// <summary>
    /// An update of a kind this Telegram.Bot version cannot know (a future Bot API addition),
    /// shaped like recent additions such as message_reaction: a chat, a user and a message id.
    /// </summary>
    public string UnknownKind(long chatId, long userId, string kind = "some_future_kind") =>
        Wrap(kind, new JsonObject
        {
            ["chat"] = ChatFor(chatId),
            ["user"] = User(userId, "Test", lastName: null, username: null, "en"),
            ["message_id"] = _server.NextMessageId(chatId),
            ["date"] = FakeJson.UnixNow(),
            ["novel_field"] = new JsonObject { ["level"] = 3 },
        });

    /// <summary>Detects what Telegram marks up by itself: /commands and @mentions.</summary>
    public static IReadOnlyList<FakeEntity> DetectEntities(string text) =>
    [
        .. CommandPattern().Matches(text).Select(m => new FakeEntity("bot_command", m.Index, m.Length)),
        .. MentionPattern().Matches(text).Select(m => new FakeEntity("mention", m.Index, m.Length)),
    ];

    private JsonObject Message(long chatId, JsonObject chat, JsonObject from) => new()
    {
        ["message_id"] = _server.NextMessageId(chatId),
        ["from"] = from,
        ["chat"] = chat,
        ["date"] = FakeJson.UnixNow(),
    };

    private static void AddText(JsonObject message, string text, IReadOnlyList<FakeEntity>? entities)
    {
        message["text"] = text;
        var found = (entities ?? DetectEntities(text)).OrderBy(e => e.Offset).ToList();
        if (found.Count > 0)
        {
            message["entities"] = new JsonArray(
                [.. found.Select(e => (JsonNode)new JsonObject { ["offset"] = e.Offset, ["length"] = e.Length, ["type"] = e.Type })]);
        }
    }

    private static JsonObject User(long id, string firstName, string? lastName, string? username, string languageCode)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = firstName };
        AddIfSet(user, "last_name", lastName);
        AddIfSet(user, "username", username);
        user["language_code"] = languageCode;
        return user;
    }

    private static JsonObject ChatFor(long chatId) => chatId > 0
        ? new JsonObject { ["id"] = chatId, ["first_name"] = "Test", ["type"] = "private" }
        : GroupChat(chatId, isForum: false);

    private static JsonObject GroupChat(long chatId, bool isForum)
    {
        var chat = new JsonObject
        {
            ["id"] = chatId,
            ["title"] = "Test group",
            ["type"] = chatId < SupergroupIdBelow ? "supergroup" : "group",
        };
        if (isForum)
        {
            chat["is_forum"] = true;
        }

        return chat;
    }

    private static void AddIfSet(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static string Wrap(string kind, JsonObject content) => FakeJson.Write(new JsonObject { [kind] = content });

    [GeneratedRegex(@"(?<![^\s])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z0-9_]{5,32}")]
    private static partial Regex MentionPattern();
}
