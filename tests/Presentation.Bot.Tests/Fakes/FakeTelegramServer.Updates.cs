using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// The update queue, long polling and confirmation by offset, plus the chats and messages
// the server knows from enqueued updates (so replies and edits can be checked).
public sealed partial class FakeTelegramServer
{
    private readonly List<PendingUpdate> _pending = [];
    private readonly List<UpdateConfirmation> _confirmations = [];
    private readonly Dictionary<long, string> _chats = [];
    private readonly Dictionary<(long ChatId, int MessageId), KnownMessage> _messages = [];
    private readonly Dictionary<long, int> _lastMessageIds = [];
    private CancellationTokenSource? _activePoll;
    private long _lastUpdateId = 100_000; // far from message ids, so mixing the two up fails loudly
    private long _confirmedOffset;
    private string _webhookUrl = string.Empty;

    /// <summary>The highest offset any getUpdates call has passed; updates below it are confirmed.</summary>
    public long ConfirmedOffset
    {
        get
        {
            lock (_gate)
            {
                return _confirmedOffset;
            }
        }
    }

    public int PendingUpdateCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public IReadOnlyList<UpdateConfirmation> Confirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _confirmations];
            }
        }
    }

    public bool IsConfirmed(long updateId) => updateId < ConfirmedOffset;

    /// <summary>A getUpdates call is waiting right now: a handy "the bot is up" signal for WaitForAsync.</summary>
    public bool IsPolling
    {
        get
        {
            lock (_gate)
            {
                return _activePoll is not null;
            }
        }
    }

    /// <summary>
    /// Queues an update given without update_id (any given one is replaced): the fake assigns ids
    /// in increasing order. Chats and messages inside become known to the server.
    /// </summary>
    /// <returns>The update_id assigned.</returns>
    /// <summary>
    /// Makes the next update_id handed out at least <paramref name="nextUpdateId"/>: several servers standing for one
    /// Bot API then hand out ids from one sequence, as Telegram would.
    /// </summary>
    public void SkipUpdateIdsTo(long nextUpdateId)
    {
        lock (_gate)
        {
            _lastUpdateId = Math.Max(_lastUpdateId, nextUpdateId - 1);
        }
    }

    /// <summary>
    /// Makes the chats and messages of an update known, as if this server had delivered it, without queuing it: for
    /// tests in which another endpoint delivered the update (several bot instances behind one Bot API).
    /// </summary>
    public void RegisterChatsOf(string json)
    {
        var update = JsonNode.Parse(json) as JsonObject
            ?? throw new ArgumentException("An update must be a JSON object.", nameof(json));
        lock (_gate)
        {
            RegisterMessagesLocked(update);
        }
    }

    public long EnqueueUpdate(string json)
    {
        var update = JsonNode.Parse(json) as JsonObject
            ?? throw new ArgumentException("An update must be a JSON object.", nameof(json));
        lock (_gate)
        {
            var id = ++_lastUpdateId;
            var numbered = new JsonObject { ["update_id"] = id };
            foreach (var (key, value) in update.Where(field => field.Key != "update_id").ToList())
            {
                update.Remove(key);
                numbered[key] = value;
            }

            RegisterMessagesLocked(numbered);
            _pending.Add(new PendingUpdate(id, FakeJson.Write(numbered)));
            _changed.Pulse();
            return id;
        }
    }

    /// <summary>Queues text delivered verbatim inside getUpdates' result (e.g. a malformed update).</summary>
    /// <returns>The id the fake uses for offset bookkeeping; the text's own update_id is not read.</returns>
    public long EnqueueRawUpdate(string rawJson) => EnqueueRawUpdate(_ => rawJson);

    /// <summary>Like <see cref="EnqueueRawUpdate(string)"/>, given the assigned id to put in the text.</summary>
    public long EnqueueRawUpdate(Func<long, string> buildRawJson)
    {
        lock (_gate)
        {
            var id = ++_lastUpdateId;
            _pending.Add(new PendingUpdate(id, buildRawJson(id)));
            _changed.Pulse();
            return id;
        }
    }

    public async Task<UpdateConfirmation> WaitForConfirmationAsync(long updateId, TimeSpan? timeout = null)
    {
        await _changed.WaitUntilAsync(
            () => IsConfirmed(updateId), timeout ?? DefaultWaitTimeout,
            () => $"Update {updateId} was not confirmed (offset {ConfirmedOffset}). {DescribeCalls()}");
        return Confirmations.FirstOrDefault(c => c.UpdateId == updateId)
            ?? new UpdateConfirmation(updateId, 0, DateTimeOffset.MinValue); // confirmed without ever being pending
    }

    internal int NextMessageId(long chatId)
    {
        lock (_gate)
        {
            return NextMessageIdLocked(chatId);
        }
    }

    /// <summary>The bot's latest message in the chat, or a synthetic earlier one when it has sent none.</summary>
    internal (int MessageId, string Text) BotMessageToReplyTo(long chatId)
    {
        lock (_gate)
        {
            var last = _messages.Where(m => m.Key.ChatId == chatId && m.Value.FromBot)
                .OrderByDescending(m => m.Key.MessageId).Select(m => (m.Key.MessageId, m.Value.Text)).FirstOrDefault();
            if (last.MessageId != 0)
            {
                return last;
            }

            var id = NextMessageIdLocked(chatId);
            _messages[(chatId, id)] = new KnownMessage(FromBot: true, "An earlier answer", "An earlier answer", null, null);
            return (id, "An earlier answer");
        }
    }

    private int NextMessageIdLocked(long chatId)
    {
        var next = _lastMessageIds.GetValueOrDefault(chatId) + 1;
        _lastMessageIds[chatId] = next;
        return next;
    }

    private async Task<TelegramReply> GetUpdatesAsync(JsonElement args, CancellationToken aborted)
    {
        var offset = args.LongArg("offset") ?? 0;
        var limit = (int)Math.Clamp(args.LongArg("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, args.LongArg("timeout") ?? 0));

        CancellationTokenSource? superseded;
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        lock (_gate)
        {
            if (_webhookUrl.Length > 0)
            {
                return TelegramReply.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            ConfirmLocked(offset);
            superseded = _activePoll;
            _activePoll = poll;
        }

        // Confirmation happens on arrival; the call itself is recorded only when the poll ends.
        _changed.Pulse();

        // Like the real server, a second poller ends the first one with 409.
        try
        {
            superseded?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That poll already finished.
        }

        try
        {
            return await LongPollAsync(limit, timeout, poll.Token);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            return TelegramReply.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        }
        catch (OperationCanceledException)
        {
            return TelegramReply.OkRaw("[]");
        }
        finally
        {
            lock (_gate)
            {
                if (_activePoll == poll)
                {
                    _activePoll = null;
                }
            }

            _changed.Pulse();
        }
    }

    private async Task<TelegramReply> LongPollAsync(int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = _changed.Next;
            string[] batch;
            lock (_gate)
            {
                batch = [.. _pending.Take(limit).Select(update => update.Json)];
            }

            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (batch.Length > 0 || remaining <= TimeSpan.Zero)
            {
                return TelegramReply.OkRaw($"[{string.Join(',', batch)}]");
            }

            try
            {
                await changed.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop: one last look, then an empty answer.
            }
        }
    }

    /// <summary>Drops updates below <paramref name="offset"/>; a negative one keeps only the last -offset.</summary>
    private void ConfirmLocked(long offset)
    {
        if (offset < 0)
        {
            var keep = (int)Math.Min(-offset, _pending.Count);
            offset = keep == 0 ? _lastUpdateId + 1 : _pending[^keep].Id;
        }

        if (offset <= _confirmedOffset)
        {
            return;
        }

        _confirmedOffset = offset;
        var now = DateTimeOffset.UtcNow;
        foreach (var update in _pending.Where(update => update.Id < offset))
        {
            _confirmations.Add(new UpdateConfirmation(update.Id, NextSequence(), now));
        }

        _pending.RemoveAll(update => update.Id < offset);
    }

    private TelegramReply DeleteWebhook(JsonElement args)
    {
        lock (_gate)
        {
            _webhookUrl = string.Empty;
            if (args.BoolArg("drop_pending_updates"))
            {
                // Real behaviour, and a real way to lose users' messages at startup.
                ConfirmLocked(_lastUpdateId + 1);
            }
        }

        return TelegramReply.Ok(true);
    }

    private TelegramReply SetWebhook(JsonElement args)
    {
        var url = args.StringArg("url") ?? string.Empty;
        lock (_gate)
        {
            _webhookUrl = url;
        }

        return TelegramReply.Ok(true);
    }

    private TelegramReply GetWebhookInfo()
    {
        lock (_gate)
        {
            return TelegramReply.Ok(new JsonObject
            {
                ["url"] = _webhookUrl,
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _pending.Count,
            });
        }
    }

    /// <summary>Remembers chats and messages of an update so sends, replies and edits can be checked.</summary>
    private void RegisterMessagesLocked(JsonObject update)
    {
        JsonNode?[] messages =
        [
            update["message"], update["edited_message"], update["channel_post"], update["callback_query"]?["message"],
        ];
        foreach (var message in messages.OfType<JsonObject>())
        {
            RegisterMessageLocked(message);
            if (message["reply_to_message"] is JsonObject repliedTo)
            {
                RegisterMessageLocked(repliedTo);
            }
        }
    }

    private void RegisterMessageLocked(JsonObject message)
    {
        if (message["chat"] is not JsonObject chat || chat["id"]?.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }

        var chatId = chat["id"]!.GetValue<long>();
        _chats[chatId] = FakeJson.Write(chat);
        if (message["message_id"]?.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }

        var messageId = message["message_id"]!.GetValue<int>();
        var fromBot = message["from"]?["id"]?.GetValueKind() == JsonValueKind.Number
            && message["from"]!["id"]!.GetValue<long>() == Bot.Id;
        var text = message["text"]?.GetValueKind() == JsonValueKind.String ? message["text"]!.GetValue<string>() : string.Empty;
        _messages.TryAdd((chatId, messageId), new KnownMessage(fromBot, text, text, null, null));
        _lastMessageIds[chatId] = Math.Max(_lastMessageIds.GetValueOrDefault(chatId), messageId);
    }

    private sealed record PendingUpdate(long Id, string Json);

    /// <summary>What edits are compared against: Telegram refuses an edit that changes nothing.</summary>
    private sealed record KnownMessage(bool FromBot, string Text, string RawText, string? ParseMode, string? ReplyMarkup);
}
