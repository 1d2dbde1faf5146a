using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// A sendMessageDraft the server accepted: a temporary preview of a message being written, in a private chat. Text and
/// RawText as in <see cref="SentMessage"/>.
/// </summary>
public sealed record MessageDraft(
    long ChatId, long DraftId, string Text, string RawText, string? ParseMode, int? MessageThreadId, long Sequence, DateTimeOffset At);

// sendMessageDraft (Bot API 9.3+): streamed previews in private chats; a normal sendMessage replaces them.
public sealed partial class FakeTelegramServer
{
    private readonly List<MessageDraft> _drafts = [];
    private bool _draftsUnsupported;

    public IReadOnlyList<MessageDraft> Drafts => Snapshot(_drafts);

    /// <summary>Answers sendMessageDraft with 404 Not Found, as a Bot API server older than the method does.</summary>
    public bool DraftsUnsupported
    {
        get
        {
            lock (_gate)
            {
                return _draftsUnsupported;
            }
        }

        set
        {
            lock (_gate)
            {
                _draftsUnsupported = value;
            }
        }
    }

    private TelegramReply SendMessageDraft(JsonElement args)
    {
        if (DraftsUnsupported)
        {
            return TelegramReply.Error(404, "Not Found");
        }

        if (ResolveChat(args, out var chatId) is { } chatError)
        {
            return chatError;
        }

        if (chatId < 0)
        {
            return TelegramReply.BadRequest("TEXTDRAFT_PEER_INVALID");
        }

        if (args.LongArg("draft_id") is not ({ } draftId and not 0))
        {
            return TelegramReply.BadRequest("draft_id must be non-zero");
        }

        // An empty draft is allowed: it shows "Thinking…".
        var raw = args.StringArg("text") ?? string.Empty;
        var (plain, parseMode, renderError) = raw.Length == 0 ? (raw, null, null) : Render(raw, args.StringArg("parse_mode"));
        if (renderError is { } error)
        {
            return error;
        }

        lock (_gate)
        {
            _drafts.Add(new MessageDraft(chatId, draftId, plain, raw, parseMode, args.IntArg("message_thread_id"), NextSequence(), DateTimeOffset.UtcNow));
        }

        return TelegramReply.Ok(true);
    }
}
