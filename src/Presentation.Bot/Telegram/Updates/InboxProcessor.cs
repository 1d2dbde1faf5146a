using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Handles updates from the inbox: one drain per chat at a time, under the chat's lock, oldest update first, each
/// marked handled once its reply is out. Different chats drain in parallel. On start-up it resumes every chat that
/// still has pending updates (say, after a crash). See docs/adr/0005-inbox-and-chat-lock.md.
/// </summary>
/// <remarks>
/// A single instance hands the updates it has just stored to their chat's drain, which then need not read them back
/// from the inbox: that read was the largest part of the CPU per update left in the bot (docs/performance-history.md).
/// The drain reads the inbox instead whenever it may hold more than was handed over: with several instances, before the
/// start-up's resume has scheduled the chats left pending, after a drain of the chat failed, past
/// <see cref="PendingBatchSize"/> updates handed over and not yet taken, and when the chat's last drain read the inbox
/// while an update of the chat was being stored.
/// </remarks>
internal sealed partial class InboxProcessor(
    IServiceScopeFactory scopes,
    IChatLock chatLock,
    BotIdentity identity,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : IHostedService, IDisposable
{
    private const int PendingBatchSize = 50;

    // Chats waiting for a drain slot cost memory; past this many the poller stops fetching and Telegram keeps the rest.
    private readonly int _maxScheduledChats = 4 * options.Value.MaxConcurrentChats;

    private readonly Dictionary<long, ChatDrain> _draining = [];

    // Chats whose next drain must read the inbox: their last drain failed, leaving updates pending, or read the inbox
    // while updates of the chat were being stored that are still to be handed over (it may have handled them already).
    private readonly HashSet<long> _readInboxNext = [];
    private readonly bool _handsOver = !chatLock.SpansInstances;
    private bool _resumed;

    // Chats with updates being stored and not yet handed over, by how many accepts are storing them.
    private readonly Dictionary<long, int> _arriving = [];
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentChats, options.Value.MaxConcurrentChats);
    private readonly HandledMarks _marks = new(scopes, time);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource? _roomFreed;
    private Task _resuming = Task.CompletedTask;

    /// <summary>
    /// Resumes the chats left pending in the background: the first query is also EF's first translation, about a third
    /// of a second at a cold start, and new updates need not wait for it (a chat's drain reads all its pending updates
    /// in order, whichever of the two schedules it).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _resuming = Task.Run(() => ResumeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes once the start's resume has scheduled every chat left pending (or has given up).</summary>
    internal Task Resumed => _resuming;

    /// <summary>Whether the chat has a drain scheduled or running.</summary>
    internal bool IsDraining(long chatKey)
    {
        lock (_draining)
        {
            return _draining.ContainsKey(chatKey);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_draining)
        {
            running = [_resuming, .. _draining.Values.Select(drain => drain.Completion)];
        }

        // Whatever was interrupted stays pending in the inbox and is resumed on the next start.
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // The marks of replies already out may still be on their way: they must reach the database before it goes.
        await _marks.WhenWrittenAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// Stores the updates not seen before in the inbox and schedules their chats: how polling and the webhook hand
    /// over what they receive. Returns how many were new; an update seen before is neither stored nor handled again.
    /// </summary>
    public async Task<int> AcceptAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return 0;
        }

        var chats = Arriving(updates);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var stored = (await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().AddNewAsync(updates, cancellationToken)).ToHashSet();
            Schedule(updates.Where(update => stored.Contains(update.UpdateId)));
            return stored.Count;
        }
        finally
        {
            Arrived(chats);
        }
    }

    /// <summary>Notes the chats of updates about to be stored; null when nothing is handed over.</summary>
    private long[]? Arriving(IReadOnlyList<InboundUpdate> updates)
    {
        if (!_handsOver)
        {
            return null;
        }

        long[] chats = [.. updates.Select(update => update.ChatKey).Distinct()];
        lock (_draining)
        {
            foreach (var chatKey in chats)
            {
                _arriving[chatKey] = _arriving.GetValueOrDefault(chatKey) + 1;
            }
        }

        return chats;
    }

    /// <summary>The updates of these chats are stored and handed over (or failed to be stored).</summary>
    private void Arrived(long[]? chats)
    {
        if (chats is null)
        {
            return;
        }

        lock (_draining)
        {
            foreach (var chatKey in chats)
            {
                if (--_arriving[chatKey] == 0)
                {
                    _arriving.Remove(chatKey);
                }
            }
        }
    }

    /// <summary>Schedules the chats of updates this instance has just stored, handing the updates over.</summary>
    public void Schedule(IEnumerable<InboundUpdate> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var chat in stored.GroupBy(update => update.ChatKey))
        {
            Schedule(chat.Key, [.. chat]);
        }
    }

    /// <summary>Completes once fewer than four times <see cref="TelegramOptions.MaxConcurrentChats"/> chats are scheduled:
    /// the poller waits here before fetching more, so a burst stays in Telegram's queue instead of in memory.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        lock (_draining)
        {
            if (_draining.Count < _maxScheduledChats)
            {
                return Task.CompletedTask;
            }

            _roomFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomFreed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Makes sure the chat is drained: starts a drain, or asks the running one to look again when done. Only an update
    /// newer than the inline query being answered supersedes that answer: the resume at start-up (which passes no
    /// update) can find the very query that is being answered still pending, and can even start answering it before the
    /// poller that stored it schedules it; neither must cancel it.
    /// </summary>
    /// <param name="stored">The chat's updates just stored by this instance; null from the resume.</param>
    private void Schedule(long chatKey, List<InboundUpdate>? stored)
    {
        CancellationTokenSource? supersededAnswer;
        lock (_draining)
        {
            var isNew = !_draining.TryGetValue(chatKey, out var drain);
            if (isNew)
            {
                drain = new ChatDrain();
                _draining[chatKey] = drain;
            }
            else
            {
                drain!.LookAgain = true;
            }

            // For a running drain that takes what is handed over, none of the last three can hold: each would have made
            // it read the inbox already.
            if (stored is null || !_handsOver || !_resumed || _readInboxNext.Contains(chatKey))
            {
                drain.ReadInbox();
            }
            else
            {
                drain.HandOver(stored);
            }

            if (isNew)
            {
                drain.Completion = Task.Run(() => RunAsync(chatKey, drain));
                return;
            }

            supersededAnswer = stored?[^1].UpdateId > drain.InlineAnswerUpdateId ? drain.InlineAnswer : null;
        }

        // A newer inline query of the person has just been stored: the one being answered gives way at once instead
        // of making the newer one wait out its model call. Outside the lock, since cancelling runs callbacks; the
        // answer may have finished (and its source been disposed) meanwhile.
        try
        {
            supersededAnswer?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var chats = await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().ChatsWithPendingAsync(int.MaxValue, cancellationToken);
                if (chats.Count > 0)
                {
                    LogResuming(logger, chats.Count);
                }

                lock (_draining)
                {
                    foreach (var chatKey in chats)
                    {
                        Schedule(chatKey, stored: null);
                    }

                    // From here on a chat without a drain has nothing pending but what is handed over. Under the lock,
                    // so no chat is scheduled between the last of these and this.
                    _resumed = true;
                }

                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                LogResumeRetrying(logger, exception.GetType().Name, (int)retryDelay.TotalSeconds);
                await Task.Delay(retryDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retryDelay = Backoff.Doubled(retryDelay);
            }
            catch (Exception exception)
            {
                // Not fatal: those chats resume when their next update arrives.
                LogResumeFailed(logger, exception);
                return;
            }
        }
    }

    private async Task RunAsync(long chatKey, ChatDrain drain)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        var cancellationToken = _stopping.Token;
        while (!cancellationToken.IsCancellationRequested)
        {
            var failed = false;
            try
            {
                await _slots.WaitAsync(cancellationToken);
                try
                {
                    await identity.Known.WaitAsync(cancellationToken);
                    await DrainAsync(chatKey, drain, cancellationToken);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                // The database is away: the update stays pending and is tried again, it is not lost.
                LogRetrying(logger, chatKey, exception.GetType().Name, (int)retryDelay.TotalSeconds);
                lock (_draining)
                {
                    drain.ReadInbox();
                }

                await Task.Delay(retryDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retryDelay = Backoff.Doubled(retryDelay);
                continue;
            }
            catch (Exception exception)
            {
                LogDrainFailed(logger, exception, chatKey);
                failed = true;
            }

            lock (_draining)
            {
                NoteHowItEnded(chatKey, drain, failed);

                if (!drain.LookAgain)
                {
                    Forget(chatKey);
                    return;
                }

                drain.LookAgain = false;
            }
        }

        lock (_draining)
        {
            Forget(chatKey);
        }
    }

    /// <summary>
    /// Decides whether the chat's next drain must read the inbox. Called holding the lock on <see cref="_draining"/>.
    /// </summary>
    private void NoteHowItEnded(long chatKey, ChatDrain drain, bool failed)
    {
        if (!_handsOver)
        {
            return;
        }

        if (failed)
        {
            _readInboxNext.Add(chatKey);
            drain.ReadInbox();
        }
        else if (drain.ReadsInbox)
        {
            // An update of the chat stored before it read the inbox and handed over after it ends would be handled twice
            // by a drain that trusts what is handed over.
            if (_arriving.ContainsKey(chatKey))
            {
                _readInboxNext.Add(chatKey);
            }
            else
            {
                _readInboxNext.Remove(chatKey);
            }
        }
    }

    /// <summary>Drops a finished drain. Called holding the lock on <see cref="_draining"/>.</summary>
    private void Forget(long chatKey)
    {
        _draining.Remove(chatKey);
        if (_roomFreed is not null && _draining.Count < _maxScheduledChats)
        {
            _roomFreed.TrySetResult();
            _roomFreed = null;
        }
    }

    private async Task DrainAsync(long chatKey, ChatDrain drain, CancellationToken cancellationToken)
    {
        await using var held = await chatLock.AcquireAsync(chatKey, cancellationToken);
        bool more;
        do
        {
            IReadOnlyList<InboundUpdate>? pending;
            lock (_draining)
            {
                pending = drain.TakeHandedOver();
            }

            var fromInbox = pending is null;
            pending ??= await PendingAsync(chatKey, cancellationToken);
            foreach (var record in pending)
            {
                if (IsSupersededInlineQuery(chatKey, record, pending))
                {
                    LogSuperseded(logger, record.UpdateId);
                }
                else
                {
                    await HandleAsync(record, chatKey, drain, cancellationToken);
                }

                await MarkHandledAsync(record.UpdateId, cancellationToken);
            }

            more = fromInbox ? pending.Count == PendingBatchSize : pending.Count > 0;
        }
        while (more);
    }

    /// <summary>
    /// Reads the chat's next pending updates in a scope of its own: its database context goes back to the pool before
    /// the updates are handled, instead of being held, one per chat in flight, beside the one each update's handling
    /// takes.
    /// </summary>
    private async Task<IReadOnlyList<InboundUpdate>> PendingAsync(long chatKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().PendingAsync(chatKey, PendingBatchSize, cancellationToken);
    }

    /// <summary>
    /// Marks an update handled, waiting out a database outage here: its reply is already out, so handling it again
    /// would answer twice.
    /// </summary>
    private async Task MarkHandledAsync(long updateId, CancellationToken cancellationToken)
    {
        var retryDelay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await _marks.MarkAsync(updateId, cancellationToken);
                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                LogMarkRetry(logger, updateId, exception.GetType().Name);
                await Task.Delay(retryDelay, time, cancellationToken);
                retryDelay = Backoff.Doubled(retryDelay);
            }
        }
    }

    /// <summary>
    /// Of a person's pending inline queries only the newest is answered: their client shows the results for what is
    /// typed now, and answering each pause in typing in turn would make the last answer too late for Telegram.
    /// </summary>
    private static bool IsSupersededInlineQuery(long chatKey, InboundUpdate record, IReadOnlyList<InboundUpdate> pending) =>
        UpdateChatKey.IsInlineQueries(chatKey) && record.UpdateId != pending[^1].UpdateId;

    /// <summary>Reads the stored JSON: the one place an update is parsed. A malformed one is logged and skipped.</summary>
    private Update? Read(InboundUpdate record)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(record.Payload, JsonBotAPI.Options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not only JsonException: Telegram.Bot's converters throw others (a date out of DateTime's range throws
            // ArgumentOutOfRangeException). Parsing stored text does no I/O, so whatever it throws is about the text.
            LogMalformed(logger, record.UpdateId, exception.Message);
            return null;
        }
    }

    /// <summary>Handles an update; a person's inline query can be cancelled by a newer one (see <see cref="Schedule(long, List{InboundUpdate})"/>).</summary>
    private async Task HandleAsync(InboundUpdate record, long chatKey, ChatDrain drain, CancellationToken cancellationToken)
    {
        if (!UpdateChatKey.IsInlineQueries(chatKey))
        {
            await HandleAsync(record, cancellationToken);
            return;
        }

        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_draining)
        {
            drain.InlineAnswer = answer;
            drain.InlineAnswerUpdateId = record.UpdateId;
        }

        try
        {
            await HandleAsync(record, answer.Token);
        }
        catch (OperationCanceledException) when (answer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogGaveWay(logger, record.UpdateId);
        }
        finally
        {
            lock (_draining)
            {
                drain.InlineAnswer = null;
            }
        }
    }

    /// <summary>
    /// Parses the update and hands it to its handler, which keeps only what it routed it to while it waits (see
    /// <see cref="UpdateHandler.HandleAsync(Update, CancellationToken)"/>): no method here holds the parsed update either.
    /// </summary>
    private async Task HandleAsync(InboundUpdate record, CancellationToken cancellationToken)
    {
        if (Read(record) is not { } update)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<UpdateHandler>().HandleAsync(update, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !TransientFailures.IsTransient(exception))
        {
            // A bug met by this one update: it is skipped rather than left pending, where it would hold up every later
            // update of the chat and fail again at each start.
            LogUpdateFailed(logger, exception, record.UpdateId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {ChatCount} chats with updates left pending")]
    private static partial void LogResuming(ILogger logger, int chatCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for pending updates to resume ({Reason}); retrying in {Seconds} s")]
    private static partial void LogResumeRetrying(ILogger logger, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for pending updates to resume failed; their chats resume with their next update")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {ChatKey} paused: infrastructure unavailable ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, long chatKey, string reason, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark update {UpdateId} handled ({Reason}); trying again")]
    private static partial void LogMarkRetry(ILogger logger, long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining chat {ChatKey} failed")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, long chatKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} could not be handled; skipped")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, long updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped inline query {UpdateId}: a newer one of the same person is pending")]
    private static partial void LogSuperseded(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inline query {UpdateId} gave way to a newer one of the same person while it was being answered")]
    private static partial void LogGaveWay(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed update {UpdateId}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, long updateId, string reason);

    /// <summary>A chat's drain. Its members other than <see cref="Completion"/> are used holding the lock on
    /// <see cref="_draining"/>.</summary>
    private sealed class ChatDrain
    {
        private List<InboundUpdate> _handedOver = [];

        public Task Completion { get; set; } = Task.CompletedTask;

        public bool LookAgain { get; set; }

        /// <summary>The drain reads its updates from the inbox, and ignores what is handed over (it is stored there).</summary>
        public bool ReadsInbox { get; private set; }

        /// <summary>While a person's inline query is being answered: cancelled when a newer one of theirs arrives.</summary>
        public CancellationTokenSource? InlineAnswer { get; set; }

        /// <summary>The update of the inline query being answered, or of the last one answered.</summary>
        public long InlineAnswerUpdateId { get; set; }

        /// <summary>From now on the drain reads the inbox: it may hold updates that were not handed over.</summary>
        public void ReadInbox()
        {
            ReadsInbox = true;
            _handedOver = [];
        }

        /// <summary>Takes updates just stored, in order of their ids (concurrent webhook requests can store a chat's
        /// updates out of order).</summary>
        public void HandOver(List<InboundUpdate> stored)
        {
            if (ReadsInbox)
            {
                return;
            }

            foreach (var update in stored)
            {
                var index = _handedOver.FindLastIndex(earlier => earlier.UpdateId < update.UpdateId) + 1;
                _handedOver.Insert(index, update);
            }

            // A chat writing faster than it is answered waits in the inbox, not in memory.
            if (_handedOver.Count > PendingBatchSize)
            {
                ReadInbox();
            }
        }

        /// <summary>The updates handed over since the last call, oldest first; null when the drain reads the inbox.</summary>
        public List<InboundUpdate>? TakeHandedOver()
        {
            if (ReadsInbox)
            {
                return null;
            }

            var taken = _handedOver;
            _handedOver = [];
            LookAgain = false;
            return taken;
        }
    }
}
