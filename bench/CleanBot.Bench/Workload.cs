using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CleanBot.Bench;

/// <summary>
/// The updates of one run and what became of them: <see cref="MainCount"/> updates spread round robin over the users'
/// private chats, then <see cref="ProbeCount"/> turns of one extra conversation (the probe). Update <c>i</c> (0-based)
/// has update_id and message_id <c>i + 1</c> and the text "question {i + 1}". The fakes release updates, match each
/// reply to its chat's oldest unanswered update, and record what was sent to the model.
/// </summary>
internal sealed class Workload
{
    public const long FirstChatId = 1_000_000;
    public const string Answer = "answer";
    private const string QuestionPrefix = "question ";

    private readonly byte[][] _json;
    private readonly int[] _chatOf;
    private readonly int[] _turnOf;
    private readonly long[] _availableAt;
    private readonly double[] _latencyMs;
    private readonly ConcurrentQueue<int>[] _outstanding;
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _mainDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _mainHalfDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _probeWaiters = new();
    private readonly Lock _modelGate = new();
    private readonly Lock _pollGate = new();
    private readonly Dictionary<int, TurnStats> _mainTurns = [];
    private readonly TurnStats?[] _probeTurns;
    private TaskCompletionSource _releaseSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _released;
    private int _confirmed;
    private int _mainReplies;
    private int _nonAnswerReplies;
    private int _unexpectedReplies;
    private int _modelRequests;
    private int _streamedModelRequests;
    private int _chatActions;
    private int _drafts;
    private int _edits;
    private int _pollCalls;
    private int _nonEmptyPolls;
    private long _polledUpdates;
    private long _lastMainReplyAt;
    private long _halfMainReplyAt;

    public Workload(int mainCount, int users, int probeCount)
    {
        MainCount = mainCount;
        Users = users;
        ProbeCount = probeCount;
        var total = mainCount + probeCount;
        _json = new byte[total][];
        _chatOf = new int[total];
        _turnOf = new int[total];
        _availableAt = new long[total];
        _latencyMs = new double[total];
        Array.Fill(_latencyMs, double.NaN);
        _outstanding = [.. Enumerable.Range(0, users + 1).Select(_ => new ConcurrentQueue<int>())];
        _probeTurns = new TurnStats?[probeCount + 1];
        var date = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < total; i++)
        {
            _chatOf[i] = i < mainCount ? i % users : users;
            _turnOf[i] = i < mainCount ? (i / users) + 1 : i - mainCount + 1;
            var chatId = FirstChatId + _chatOf[i];
            var id = i + 1;
            _json[i] = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"date":{{{date}}},"chat":{"id":{{{chatId}}},"type":"private","first_name":"U{{{chatId}}}"},"from":{"id":{{{chatId}}},"is_bot":false,"first_name":"U{{{chatId}}}","language_code":"en"},"text":"{{{QuestionPrefix}}}{{{id}}}"}}"""));
        }
    }

    public int MainCount { get; }

    public int Users { get; }

    public int ProbeCount { get; }

    /// <summary>Completes at the first getUpdates call: the bot has started, migrated its database and connected.</summary>
    public Task FirstPoll => _firstPoll.Task;

    /// <summary>Completes when every update of the measured run has had its reply.</summary>
    public Task MainDone => _mainDone.Task;

    public int Released => Volatile.Read(ref _released);

    public int MainReplies => Volatile.Read(ref _mainReplies);

    public int NonAnswerReplies => Volatile.Read(ref _nonAnswerReplies);

    public int UnexpectedReplies => Volatile.Read(ref _unexpectedReplies);

    public int ModelRequests => Volatile.Read(ref _modelRequests);

    /// <summary>The model requests made to <c>streamGenerateContent</c>; the others went to <c>generateContent</c>.</summary>
    public int StreamedModelRequests => Volatile.Read(ref _streamedModelRequests);

    public int ChatActions => Volatile.Read(ref _chatActions);

    /// <summary>sendMessageDraft calls: previews of streamed answers in private chats.</summary>
    public int Drafts => Volatile.Read(ref _drafts);

    /// <summary>editMessageText calls: previews of streamed answers where drafts are not used.</summary>
    public int Edits => Volatile.Read(ref _edits);

    public int PollCalls => Volatile.Read(ref _pollCalls);

    public double MeanBatchSize => Volatile.Read(ref _nonEmptyPolls) is > 0 and var polls ? (double)Interlocked.Read(ref _polledUpdates) / polls : 0;

    public long LastMainReplyAt => Interlocked.Read(ref _lastMainReplyAt);

    /// <summary>The run's first half of replies: the bot has warmed up (JIT) by then, so the second half shows it warm.</summary>
    public int HalfOfMain => Math.Max(1, MainCount / 2);

    /// <summary>When reply number <see cref="HalfOfMain"/> arrived.</summary>
    public long HalfMainReplyAt => Interlocked.Read(ref _halfMainReplyAt);

    /// <summary>Completes when reply number <see cref="HalfOfMain"/> arrives.</summary>
    public Task MainHalfDone => _mainHalfDone.Task;

    /// <summary>Replies per second from reply number <see cref="HalfOfMain"/> to the last: the bot's, or the bare loop's.</summary>
    public double SecondHalfUpdatesPerSecond
    {
        get
        {
            var seconds = Stopwatch.GetElapsedTime(HalfMainReplyAt, LastMainReplyAt).TotalSeconds;
            return seconds > 0 ? (MainCount - HalfOfMain) / seconds : 0;
        }
    }

    /// <summary>Makes updates up to (not including) index <paramref name="upTo"/> available. One caller at a time.</summary>
    public void Release(int upTo)
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = _released; i < upTo; i++)
        {
            _availableAt[i] = now;
            _outstanding[_chatOf[i]].Enqueue(i);
        }

        Volatile.Write(ref _released, upTo);
        Interlocked.Exchange(ref _releaseSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>getUpdates: the indexes of the batch to hand out, waiting up to <paramref name="timeout"/> for one.</summary>
    public async Task<(int Start, int End)> PollAsync(int? offset, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _firstPoll.TrySetResult();
        Interlocked.Increment(ref _pollCalls);
        int start;
        lock (_pollGate)
        {
            // Like Telegram: an offset confirms everything before it; without one, the oldest unconfirmed comes first.
            if (offset is > 0 && offset.Value - 1 > _confirmed)
            {
                _confirmed = offset.Value - 1;
            }

            start = _confirmed;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var signal = Volatile.Read(ref _releaseSignal).Task;
            var released = Released;
            if (released > start)
            {
                var end = Math.Min(released, start + Math.Clamp(limit, 1, 100));
                Interlocked.Increment(ref _nonEmptyPolls);
                Interlocked.Add(ref _polledUpdates, end - start);
                return (start, end);
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return (start, start);
            }

            try
            {
                await signal.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                return (start, start);
            }
        }
    }

    public byte[] UpdateJson(int index) => _json[index];

    public void OnChatAction() => Interlocked.Increment(ref _chatActions);

    public void OnDraft() => Interlocked.Increment(ref _drafts);

    public void OnEdit() => Interlocked.Increment(ref _edits);

    /// <summary>sendMessage: the reply belongs to the chat's oldest update still without one.</summary>
    public void OnReply(long chatId, string? text)
    {
        var now = Stopwatch.GetTimestamp();
        var chat = chatId - FirstChatId;
        if (chat < 0 || chat > Users || !_outstanding[chat].TryDequeue(out var index))
        {
            Interlocked.Increment(ref _unexpectedReplies);
            return;
        }

        if (text != Answer)
        {
            Interlocked.Increment(ref _nonAnswerReplies);
        }

        _latencyMs[index] = Stopwatch.GetElapsedTime(_availableAt[index], now).TotalMilliseconds;
        if (index < MainCount)
        {
            var replies = Interlocked.Increment(ref _mainReplies);
            if (replies == HalfOfMain)
            {
                Interlocked.Exchange(ref _halfMainReplyAt, now);
                _mainHalfDone.TrySetResult();
            }

            if (replies == MainCount)
            {
                Interlocked.Exchange(ref _lastMainReplyAt, now);
                _mainDone.TrySetResult();
            }
        }
        else if (_probeWaiters.TryRemove(index, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Releases probe turn <paramref name="turn"/> (1-based) and waits for its reply.</summary>
    public Task ProbeTurnAsync(int turn, TimeSpan timeout)
    {
        var index = MainCount + turn - 1;
        var waiter = _probeWaiters.GetOrAdd(index, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Release(index + 1);
        return waiter.Task.WaitAsync(timeout);
    }

    /// <summary>generateContent or streamGenerateContent: records the request's size against the turn its question belongs to.</summary>
    public void OnModelRequest(long bodyBytes, int contents, string? lastText, bool streamed)
    {
        Interlocked.Increment(ref _modelRequests);
        if (streamed)
        {
            Interlocked.Increment(ref _streamedModelRequests);
        }

        if (lastText is null || !lastText.StartsWith(QuestionPrefix, StringComparison.Ordinal)
            || !int.TryParse(lastText.AsSpan(QuestionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || id < 1 || id > _json.Length)
        {
            return;
        }

        var index = id - 1;
        var turn = _turnOf[index];
        lock (_modelGate)
        {
            if (index >= MainCount)
            {
                _probeTurns[turn] = new TurnStats(1, bodyBytes, contents);
            }
            else
            {
                _mainTurns[turn] = _mainTurns.TryGetValue(turn, out var stats)
                    ? new TurnStats(stats.Requests + 1, stats.BodyBytes + bodyBytes, stats.Contents + contents)
                    : new TurnStats(1, bodyBytes, contents);
            }
        }
    }

    /// <summary>Reply latencies of the measured run, in milliseconds, sorted; updates without a reply are left out.</summary>
    public double[] MainLatencies() => SortedLatencies(0, MainCount);

    /// <summary>Reply latencies, sorted, of the updates of the second half of the measured run (in release order).</summary>
    public double[] SecondHalfLatencies() => SortedLatencies(HalfOfMain, MainCount - HalfOfMain);

    private double[] SortedLatencies(int start, int count)
    {
        var latencies = _latencyMs.AsSpan(start, count).ToArray().Where(value => !double.IsNaN(value)).ToArray();
        Array.Sort(latencies);
        return latencies;
    }

    public double[] ProbeLatencies() => [.. _latencyMs.AsSpan(MainCount).ToArray().Where(value => !double.IsNaN(value))];

    /// <summary>Mean request size per turn of the measured run's conversations, and each probe turn's request.</summary>
    public (SortedDictionary<int, TurnStats> Main, SortedDictionary<int, TurnStats> Probe) ModelRequestSizes()
    {
        lock (_modelGate)
        {
            var main = new SortedDictionary<int, TurnStats>(_mainTurns);
            var probe = new SortedDictionary<int, TurnStats>();
            for (var turn = 1; turn < _probeTurns.Length; turn++)
            {
                if (_probeTurns[turn] is { } stats)
                {
                    probe[turn] = stats;
                }
            }

            return (main, probe);
        }
    }
}

/// <summary>generateContent requests of one turn: how many, and their summed body bytes and contents entries.</summary>
internal sealed record TurnStats(int Requests, long BodyBytes, long Contents)
{
    public double MeanBodyBytes => Requests == 0 ? 0 : (double)BodyBytes / Requests;

    public double MeanContents => Requests == 0 ? 0 : (double)Contents / Requests;

    /// <summary>All the turns' requests together.</summary>
    public static TurnStats Sum(IEnumerable<TurnStats> turns) =>
        turns.Aggregate(new TurnStats(0, 0, 0), (sum, turn) => new TurnStats(sum.Requests + turn.Requests, sum.BodyBytes + turn.BodyBytes, sum.Contents + turn.Contents));
}
