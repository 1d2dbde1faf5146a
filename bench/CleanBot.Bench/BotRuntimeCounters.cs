using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CleanBot.Bench;

/// <summary>
/// The bot's runtime counters, read out of process over the diagnostics IPC: an EventPipe session on the bot's pid
/// that has the runtime's <c>System.Runtime</c> meter collected once a second. Each collection is kept as a
/// <see cref="RuntimeReading"/>. If the session cannot start (say, <c>DOTNET_EnableDiagnostics=0</c>) or ends early,
/// readings are simply missing and the report says "n/a": the bench never fails because of them.
/// </summary>
/// <remarks>
/// The meter, not the older <c>System.Runtime</c> EventCounters: the meter publishes each counter's cumulative value
/// (bytes allocated, collections, pause time since the process started; exceptions since the session started), so
/// the difference of two readings taken while the bot is idle, just before the run and just after its last reply,
/// is exact. The EventCounters publish only per-second increments, whose sum has a second's uncertainty at each edge.
/// </remarks>
internal sealed class BotRuntimeCounters : IAsyncDisposable
{
    public const string AllocatedBytes = "dotnet.gc.heap.total_allocated";
    public const string Collections = "dotnet.gc.collections";
    public const string PauseTime = "dotnet.gc.pause.time";
    public const string Exceptions = "dotnet.exceptions";

    private const string MetricsProvider = "System.Diagnostics.Metrics";
    private const string Meter = "System.Runtime";
    private const long TimeSeriesValuesKeyword = 0x2;

    // The event ids of MetricsEventSource (TraceEvent names the first two "Collection/Start" and "Collection/Stop").
    private const int CollectionStart = 2;
    private const int CollectionStop = 3;
    private const int CounterRateValuePublished = 4;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly List<RuntimeReading> _readings = [];
    private TaskCompletionSource _nextReading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventPipeSession? _session;
    private Task _processing = Task.CompletedTask;
    private Dictionary<string, double>? _collecting;
    private DateTime _collectingAt;

    private BotRuntimeCounters()
    {
    }

    /// <summary>Why there are no readings, when the session could not start or broke off; null while it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Starts the session. Never throws: on failure, <see cref="Unavailable"/> says why.</summary>
    public static async Task<BotRuntimeCounters> StartAsync(int processId)
    {
        var counters = new BotRuntimeCounters();
        var provider = new EventPipeProvider(
            MetricsProvider,
            EventLevel.Informational,
            TimeSeriesValuesKeyword,
            new Dictionary<string, string>
            {
                ["SessionId"] = counters._sessionId,
                // Only the four instruments the report shows: the others (CPU time, assemblies...) would cost the bot
                // work, and allocations, every second.
                ["Metrics"] = string.Join(',', new[] { AllocatedBytes, Collections, PauseTime, Exceptions }.Select(name => $@"{Meter}\{name}")),
                ["RefreshInterval"] = "1",
            });
        try
        {
            using var timeout = new CancellationTokenSource(CommandTimeout);
            counters._session = await new DiagnosticsClient(processId).StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, timeout.Token);
            var session = counters._session;
            counters._processing = Task.Run(() => counters.Process(session));
        }
        catch (Exception exception)
        {
            // Whatever keeps the session from starting must not stop the bench.
            counters.Unavailable = FirstSentence(exception.Message);
        }

        return counters;
    }

    /// <summary>
    /// The first reading that the bot took at or after <paramref name="utc"/>, or null if none comes within
    /// <paramref name="timeout"/>. With <paramref name="utc"/> = now it returns a fresh reading, taken before it returns.
    /// </summary>
    public async Task<RuntimeReading?> ReadingAtOrAfterAsync(DateTime utc, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                var reading = _readings.Find(candidate => candidate.TakenAt >= utc);
                if (reading is not null || Unavailable is not null)
                {
                    return reading;
                }

                next = _nextReading.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    Unavailable ??= F($"no reading within {timeout.TotalSeconds:0} s");
                }

                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not { } session)
        {
            return;
        }

        _session = null;
        try
        {
            using var timeout = new CancellationTokenSource(CommandTimeout);
            await session.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // The bot has gone, or the session already ended: the stream is closed either way below.
        }

        session.Dispose();
        await _processing;
    }

    // The client's messages go on with advice about containers and ptrace; the table has room for the gist.
    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Process(EventPipeSession session)
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += OnEvent;
            source.Process();
        }
        catch (Exception exception)
        {
            // A broken stream ends the readings, not the bench.
            lock (_gate)
            {
                Unavailable ??= FirstSentence(exception.Message);
            }
        }
        finally
        {
            lock (_gate)
            {
                Unavailable ??= "the session ended";
                _nextReading.TrySetResult();
            }
        }
    }

    // One collection arrives as CollectionStart, one CounterRateValuePublished per instrument and tag set, CollectionStop.
    private void OnEvent(TraceEvent data)
    {
        if (data.ProviderName != MetricsProvider || data.PayloadByName("sessionId") as string != _sessionId)
        {
            return;
        }

        switch ((int)data.ID)
        {
            case CollectionStart:
                // intervalEndTime is taken just before the instruments are observed.
                _collectingAt = ((DateTime)data.PayloadByName("intervalEndTime")).ToUniversalTime();
                _collecting = [];
                break;
            case CounterRateValuePublished when _collecting is not null:
                if (double.TryParse(data.PayloadByName("value") as string, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    var tags = data.PayloadByName("tags") as string;
                    _collecting[string.IsNullOrEmpty(tags) ? (string)data.PayloadByName("instrumentName") : $"{data.PayloadByName("instrumentName")}|{tags}"] = value;
                }

                break;
            case CollectionStop when _collecting is not null:
                lock (_gate)
                {
                    _readings.Add(new RuntimeReading(_collectingAt, _collecting));
                    _nextReading.TrySetResult();
                    _nextReading = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _collecting = null;
                break;
        }
    }
}

/// <summary>One collection of the bot's runtime counters: cumulative values by instrument (and "|tags").</summary>
internal sealed record RuntimeReading(DateTime TakenAt, IReadOnlyDictionary<string, double> Values);
