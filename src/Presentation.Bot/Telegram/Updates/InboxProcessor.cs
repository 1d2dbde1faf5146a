using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Handles updates from the inbox: one drain per chat at a time, under the chat's lock, oldest update first, each
/// marked handled once its reply is out. Different chats drain in parallel. On start-up it resumes every chat that
/// still has pending updates (say, after a crash). See docs/adr/0005-inbox-and-chat-lock.md.
/// </summary>
internal sealed partial class InboxProcessor(
    IServiceScopeFactory scopes,
    IChatLock chatLock,
    BotIdentity identity,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : IHostedService, IDisposable
{
    private const int PendingBatchSize = 50;
    private const int MaxConcurrentChats = 512;

    // Chats waiting for a drain slot cost memory; past this many the poller stops fetching and Telegram keeps the rest.
    private const int MaxScheduledChats = 4 * MaxConcurrentChats;

    private readonly Dictionary<long, ChatDrain> _draining = [];
    private readonly SemaphoreSlim _slots = new(MaxConcurrentChats, MaxConcurrentChats);
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

        await using var scope = scopes.CreateAsyncScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().AddNewAsync(updates, cancellationToken)).ToHashSet();
        Schedule(updates.Where(update => stored.Contains(update.UpdateId)));
        return stored.Count;
    }

    /// <summary>Schedules the chats of updates this instance has just stored.</summary>
    public void Schedule(IEnumerable<InboundUpdate> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var chat in stored.GroupBy(update => update.ChatKey))
        {
            Schedule(chat.Key, newestStored: chat.Max(update => update.UpdateId));
        }
    }

    /// <summary>Completes once fewer than <see cref="MaxScheduledChats"/> chats are scheduled: the poller waits here
    /// before fetching more, so a burst stays in Telegram's queue instead of in memory.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        lock (_draining)
        {
            if (_draining.Count < MaxScheduledChats)
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
    /// <param name="newestStored">The newest update of the chat just stored by this instance; null from the resume.</param>
    private void Schedule(long chatKey, long? newestStored)
    {
        CancellationTokenSource? supersededAnswer;
        lock (_draining)
        {
            if (!_draining.TryGetValue(chatKey, out var running))
            {
                var drain = new ChatDrain();
                _draining[chatKey] = drain;
                drain.Completion = Task.Run(() => RunAsync(chatKey, drain));
                return;
            }

            running.LookAgain = true;
            supersededAnswer = newestStored > running.InlineAnswerUpdateId ? running.InlineAnswer : null;
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

                foreach (var chatKey in chats)
                {
                    Schedule(chatKey, newestStored: null);
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
                await Task.Delay(retryDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retryDelay = Backoff.Doubled(retryDelay);
                continue;
            }
            catch (Exception exception)
            {
                LogDrainFailed(logger, exception, chatKey);
            }

            lock (_draining)
            {
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

    /// <summary>Drops a finished drain. Called holding the lock on <see cref="_draining"/>.</summary>
    private void Forget(long chatKey)
    {
        _draining.Remove(chatKey);
        if (_roomFreed is not null && _draining.Count < MaxScheduledChats)
        {
            _roomFreed.TrySetResult();
            _roomFreed = null;
        }
    }

    private async Task DrainAsync(long chatKey, ChatDrain drain, CancellationToken cancellationToken)
    {
        await using var held = await chatLock.AcquireAsync(chatKey, cancellationToken);
        IReadOnlyList<InboundUpdate> pending;
        do
        {
            pending = await PendingAsync(chatKey, cancellationToken);
            foreach (var record in pending)
            {
                if (IsSupersededInlineQuery(chatKey, record, pending))
                {
                    LogSuperseded(logger, record.UpdateId);
                }
                else if (Read(record) is { } update)
                {
                    await HandleAsync(update, chatKey, drain, cancellationToken);
                }

                await MarkHandledAsync(record.UpdateId, cancellationToken);
            }
        }
        while (pending.Count == PendingBatchSize);
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

    /// <summary>Handles an update; a person's inline query can be cancelled by a newer one (see <see cref="Schedule(long, long?)"/>).</summary>
    private async Task HandleAsync(Update update, long chatKey, ChatDrain drain, CancellationToken cancellationToken)
    {
        if (!UpdateChatKey.IsInlineQueries(chatKey))
        {
            await HandleAsync(update, cancellationToken);
            return;
        }

        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_draining)
        {
            drain.InlineAnswer = answer;
            drain.InlineAnswerUpdateId = update.Id;
        }

        try
        {
            await HandleAsync(update, answer.Token);
        }
        catch (OperationCanceledException) when (answer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogGaveWay(logger, update.Id);
        }
        finally
        {
            lock (_draining)
            {
                drain.InlineAnswer = null;
            }
        }
    }

    private async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<UpdateHandler>().HandleAsync(update, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !TransientFailures.IsTransient(exception))
        {
            // A bug met by this one update: it is skipped rather than left pending, where it would hold up every later
            // update of the chat and fail again at each start.
            LogUpdateFailed(logger, exception, update.Id);
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
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped inline query {UpdateId}: a newer one of the same person is pending")]
    private static partial void LogSuperseded(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inline query {UpdateId} gave way to a newer one of the same person while it was being answered")]
    private static partial void LogGaveWay(ILogger logger, int updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed update {UpdateId}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, long updateId, string reason);

    private sealed class ChatDrain
    {
        public Task Completion { get; set; } = Task.CompletedTask;

        public bool LookAgain { get; set; }

        /// <summary>While a person's inline query is being answered: cancelled when a newer one of theirs arrives.</summary>
        public CancellationTokenSource? InlineAnswer { get; set; }

        /// <summary>The update of the inline query being answered, or of the last one answered.</summary>
        public long InlineAnswerUpdateId { get; set; }
    }
}
