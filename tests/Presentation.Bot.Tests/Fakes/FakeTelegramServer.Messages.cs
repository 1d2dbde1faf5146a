using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// sendMessage, editMessageText, deleteMessage and sendChatAction with the real server's limits,
// plus the per-chat retry_after windows opened by scripted 429s.
public sealed partial class FakeTelegramServer
{
    private const int MaxMessageLength = 4096;

    private static readonly HashSet<string> ChatActionNames = new(StringComparer.Ordinal)
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    };

    private readonly List<SentMessage> _sent = [];
    private readonly List<EditedMessage> _edits = [];
    private readonly List<RecordedChatAction> _chatActions = [];
    private readonly List<RateLimitViolation> _violations = [];
    private readonly List<string> _htmlRejectMarkers = [];
    private readonly Dictionary<long, DateTimeOffset> _blockedUntil = [];

    public IReadOnlyList<SentMessage> SentMessages => Snapshot(_sent);

    public IReadOnlyList<EditedMessage> EditedMessages => Snapshot(_edits);

    public IReadOnlyList<RecordedChatAction> ChatActions => Snapshot(_chatActions);

    /// <summary>Calls for a chat made before the retry_after of an earlier 429 had passed.</summary>
    public IReadOnlyList<RateLimitViolation> RateLimitViolations => Snapshot(_violations);

    public IReadOnlyList<SentMessage> MessagesTo(long chatId) => [.. SentMessages.Where(m => m.ChatId == chatId)];

    /// <summary>
    /// sendMessage/editMessageText with parse_mode HTML whose text contains <paramref name="marker"/>
    /// fail with 400 can't parse entities; the same text without parse_mode goes through.
    /// </summary>
    public void RejectHtmlContaining(string marker)
    {
        lock (_gate)
        {
            _htmlRejectMarkers.Add(marker);
        }
    }

    /// <summary>Waits until the chat has at least <paramref name="count"/> messages; returns the first ones.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForMessagesAsync(long chatId, int count, TimeSpan? timeout = null)
    {
        await _changed.WaitUntilAsync(
            () => MessagesTo(chatId).Count >= count, timeout ?? DefaultWaitTimeout,
            () => $"Expected {count} message(s) to chat {chatId}, got {MessagesTo(chatId).Count}. {DescribeCalls()}");
        return [.. MessagesTo(chatId).Take(count)];
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }

    /// <summary>A call for a chat inside its retry window is a bot bug: record it and answer 429 again.</summary>
    private TelegramReply? CheckRetryWindow(string method, JsonElement args)
    {
        if (args.LongArg("chat_id") is not { } chatId)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        DateTimeOffset until;
        lock (_gate)
        {
            if (!_blockedUntil.TryGetValue(chatId, out until) || now >= until)
            {
                return null;
            }

            _violations.Add(new RateLimitViolation(method, chatId, now, until));
        }

        var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
        return TelegramReply.Error(429, $"Too Many Requests: retry after {seconds}", seconds);
    }

    private TelegramReply SendMessage(JsonElement args)
    {
        if (ResolveChat(args, out var chatId) is { } chatError)
        {
            return chatError;
        }

        var raw = args.StringArg("text") ?? string.Empty;
        var (plain, parseMode, renderError) = Render(raw, args.StringArg("parse_mode"));
        if (renderError is { } error)
        {
            return error;
        }

        var replyParameters = args.StructuredArg("reply_parameters");
        var replyTo = replyParameters?.IntArg("message_id") ?? args.IntArg("reply_to_message_id");
        var mayMissReply = args.BoolArg("allow_sending_without_reply")
            || (replyParameters?.BoolArg("allow_sending_without_reply") ?? false);
        var threadId = args.IntArg("message_thread_id");
        var markup = args.StructuredArg("reply_markup")?.GetRawText();

        int messageId;
        bool replyFound;
        lock (_gate)
        {
            replyFound = replyTo is { } target && _messages.ContainsKey((chatId, target));
            if (replyTo is not null && !replyFound && !mayMissReply)
            {
                return TelegramReply.BadRequest("message to be replied not found");
            }

            messageId = NextMessageIdLocked(chatId);
            _messages[(chatId, messageId)] = new KnownMessage(FromBot: true, plain, raw, parseMode, markup);
            _sent.Add(new SentMessage(chatId, messageId, plain, raw, parseMode, replyTo, threadId, NextSequence(), DateTimeOffset.UtcNow));
        }

        var message = MessageJson(chatId, messageId, plain, threadId);
        if (replyFound && replyTo is { } repliedTo)
        {
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = repliedTo,
                ["date"] = FakeJson.UnixNow(),
                ["chat"] = ChatJson(chatId),
            };
        }

        return TelegramReply.Ok(message);
    }

    private TelegramReply EditMessageText(JsonElement args)
    {
        if (ResolveChat(args, out var chatId) is { } chatError)
        {
            return chatError;
        }

        if (args.IntArg("message_id") is not { } messageId)
        {
            return TelegramReply.BadRequest("message identifier is not specified");
        }

        var raw = args.StringArg("text") ?? string.Empty;
        var (plain, parseMode, renderError) = Render(raw, args.StringArg("parse_mode"));
        if (renderError is { } error)
        {
            return error;
        }

        var markup = args.StructuredArg("reply_markup")?.GetRawText();
        lock (_gate)
        {
            if (!_messages.TryGetValue((chatId, messageId), out var current))
            {
                return TelegramReply.BadRequest("message to edit not found");
            }

            if (!current.FromBot)
            {
                return TelegramReply.BadRequest("message can't be edited");
            }

            if (current.RawText == raw && current.ParseMode == parseMode && current.ReplyMarkup == markup)
            {
                return TelegramReply.BadRequest("message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message");
            }

            _messages[(chatId, messageId)] = current with { Text = plain, RawText = raw, ParseMode = parseMode, ReplyMarkup = markup };
            _edits.Add(new EditedMessage(chatId, messageId, plain, raw, parseMode, NextSequence(), DateTimeOffset.UtcNow));
        }

        var message = MessageJson(chatId, messageId, plain, threadId: null);
        message["edit_date"] = FakeJson.UnixNow();
        return TelegramReply.Ok(message);
    }

    private TelegramReply DeleteMessage(JsonElement args)
    {
        if (ResolveChat(args, out var chatId) is { } chatError)
        {
            return chatError;
        }

        lock (_gate)
        {
            return args.IntArg("message_id") is { } messageId && _messages.Remove((chatId, messageId))
                ? TelegramReply.Ok(true)
                : TelegramReply.BadRequest("message to delete not found");
        }
    }

    private TelegramReply SendChatAction(JsonElement args)
    {
        if (ResolveChat(args, out var chatId) is { } chatError)
        {
            return chatError;
        }

        var action = args.StringArg("action") ?? string.Empty;
        if (!ChatActionNames.Contains(action))
        {
            return TelegramReply.BadRequest("wrong parameter action in request");
        }

        lock (_gate)
        {
            _chatActions.Add(new RecordedChatAction(chatId, action, args.IntArg("message_thread_id"), NextSequence(), DateTimeOffset.UtcNow));
        }

        return TelegramReply.Ok(true);
    }

    /// <summary>Only chats seen in enqueued updates exist; a user who never wrote cannot be messaged.</summary>
    private TelegramReply? ResolveChat(JsonElement args, out long chatId)
    {
        if (args.LongArg("chat_id") is not { } id)
        {
            chatId = 0;
            return args.StringArg("chat_id") is { Length: > 0 }
                ? TelegramReply.BadRequest("chat not found")
                : TelegramReply.BadRequest("chat_id is empty");
        }

        chatId = id;
        lock (_gate)
        {
            if (_chats.ContainsKey(id))
            {
                return null;
            }
        }

        return id > 0
            ? TelegramReply.Error(403, "Forbidden: bot can't initiate conversation with a user")
            : TelegramReply.BadRequest("chat not found");
    }

    /// <summary>
    /// The text as the user would see it and the parse mode spelt canonically ("HTML", "Markdown",
    /// "MarkdownV2"; Telegram and Telegram.Bot's "Html" differ only in case), or Telegram's error.
    /// </summary>
    private (string Plain, string? ParseMode, TelegramReply? Error) Render(string raw, string? requestedMode)
    {
        if (raw.Trim().Length == 0)
        {
            return (raw, null, TelegramReply.BadRequest("message text is empty"));
        }

        var plain = raw;
        string? parseMode = null;
        switch (requestedMode?.ToUpperInvariant())
        {
            case null or "":
                break;
            case "HTML":
                parseMode = "HTML";
                bool rejected;
                lock (_gate)
                {
                    rejected = _htmlRejectMarkers.Exists(marker => raw.Contains(marker, StringComparison.Ordinal));
                }

                if (rejected)
                {
                    return (raw, parseMode, TelegramReply.CantParseEntities("Can't find end tag corresponding to start tag"));
                }

                if (!TelegramHtmlRules.TryParse(raw, out plain, out var error))
                {
                    return (raw, parseMode, TelegramReply.CantParseEntities(error!));
                }

                break;
            // Markdown is not parsed: the length check below counts the raw text, a slight overestimate.
            case "MARKDOWN":
                parseMode = "Markdown";
                break;
            case "MARKDOWNV2":
                parseMode = "MarkdownV2";
                break;
            default:
                return (raw, null, TelegramReply.BadRequest("unsupported parse_mode"));
        }

        if (plain.Trim().Length == 0)
        {
            return (plain, parseMode, TelegramReply.BadRequest("message text is empty"));
        }

        return plain.Length > MaxMessageLength
            ? (plain, parseMode, TelegramReply.BadRequest("message is too long"))
            : (plain, parseMode, null);
    }

    private JsonObject MessageJson(long chatId, int messageId, string text, int? threadId)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["from"] = BotUserJson(),
            ["chat"] = ChatJson(chatId),
            ["date"] = FakeJson.UnixNow(),
            ["text"] = text,
        };
        if (threadId is { } thread)
        {
            message["message_thread_id"] = thread;
            message["is_topic_message"] = true;
        }

        return message;
    }

    private JsonNode ChatJson(long chatId)
    {
        lock (_gate)
        {
            return JsonNode.Parse(_chats[chatId])!;
        }
    }
}
