using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanBot.Bench;

/// <summary>The figures of one run: printed as a table and written as JSON.</summary>
internal sealed record BenchReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required MachineInfo Machine { get; init; }

    public required BenchOptions Options { get; init; }

    public required bool Completed { get; init; }

    public required int Replies { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double UpdatesPerSecond { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP95Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    public required double LatencyMaxMs { get; init; }

    /// <summary>The same figures from the half-way reply on, when the run completed.</summary>
    public SecondHalfFigures? SecondHalf { get; init; }

    public required double BotCpuSeconds { get; init; }

    public required double BotCpuSecondsPer1000Updates { get; init; }

    public required double FakesCpuSecondsPer1000Updates { get; init; }

    /// <summary>Allocations, GC and exceptions of the bot during the measured run, from its runtime counters; null when
    /// they could not be read (<see cref="BotRuntimeUnavailable"/> says why).</summary>
    public BotRuntimeFigures? BotRuntime { get; init; }

    public string? BotRuntimeUnavailable { get; init; }

    public required double BotPeakWorkingSetMiB { get; init; }

    /// <summary>The SQLite file after the bot stopped (WAL checkpointed), holding every update of the run and the probe.</summary>
    public long DatabaseBytesFinal { get; init; }

    public double DatabaseKiBPer1000Updates { get; init; }

    /// <summary>The -wal file when the measured run ended (reused after each checkpoint, so bounded, not per update).</summary>
    public required long WalBytesAtEnd { get; init; }

    /// <summary>Model requests of the measured run and the probe, to either endpoint.</summary>
    public required int ModelRequests { get; init; }

    /// <summary>Of <see cref="ModelRequests"/>, those to <c>streamGenerateContent</c>.</summary>
    public required int StreamedModelRequests { get; init; }

    public required int ChatActions { get; init; }

    /// <summary>sendMessageDraft calls: previews of streamed answers.</summary>
    public required int Drafts { get; init; }

    /// <summary>editMessageText calls: previews where drafts are not used.</summary>
    public required int Edits { get; init; }

    public required int PollCalls { get; init; }

    public required double MeanUpdatesPerBatch { get; init; }

    public required int NonAnswerReplies { get; init; }

    public required int UnexpectedReplies { get; init; }

    public required int BotLogLines { get; init; }

    public required IReadOnlyList<TurnFigure> MainRunTurns { get; init; }

    /// <summary>The measured run's model requests together; null when none was counted.</summary>
    public RequestFigure? MainRunMeanRequest { get; init; }

    public required IReadOnlyList<TurnFigure> ProbeTurns { get; init; }

    public required bool ProbeCompleted { get; init; }

    public required double ProbeLatencyP50Ms { get; init; }

    /// <summary>The bot's CPU per update while it answers the probe alone (no other chat busy). Includes whatever runs in
    /// the background meanwhile, chiefly tiered JIT recompilation after a short run.</summary>
    public double? ProbeBotCpuMsPerUpdate { get; init; }

    /// <summary>The bot's CPU over 5 s with nothing to do after the probe, as a percentage of one core.</summary>
    public required double IdleBotCpuPercent { get; init; }

    /// <summary>From starting the bot's process to its first getUpdates: runtime start, configuration, migrating a
    /// new database file, getMe and deleteWebhook.</summary>
    public double? ColdStartSeconds { get; init; }

    /// <summary>The median of the bare loop's runs, which the ratios compare with.</summary>
    public double? BareUpdatesPerSecond { get; init; }

    /// <summary>Each run of the bare loop, in the order they ran.</summary>
    public IReadOnlyList<double>? BareRunsUpdatesPerSecond { get; init; }

    public double? BotToBareRatio { get; init; }

    public double? SecondHalfToBareRatio { get; init; }

    /// <summary>The median of the bare loop's second halves (from its half-way reply to its last), warm as the bot's is.</summary>
    public double? BareSecondHalfUpdatesPerSecond { get; init; }

    /// <summary>Each run's second half, in the order they ran.</summary>
    public IReadOnlyList<double>? BareRunsSecondHalfUpdatesPerSecond { get; init; }

    /// <summary>The bot's second half over the bare loop's: both warm.</summary>
    public double? SecondHalfToBareSecondHalfRatio { get; init; }

    /// <summary>What the bare loop sent, to check it made the bot's round trips.</summary>
    public BareFigures? BareRequests { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> BotLastLines { get; init; } = [];

    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>The middle value; for an even count, the mean of the two middle ones.</summary>
    public static double Median(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public string ToTable()
    {
        var rows = new List<(string Figure, string Value)>
        {
            ("machine", $"{Machine.ProcessorCount} cores, {Machine.CpuModel}"),
            ("workload", F($"{Options.Updates} updates, {Options.Users} users, {Options.BotMaxChats} chats at once, {Options.Mode}{(Options.Steady ? F($" at {Options.Rate:0.#}/s") : string.Empty)}, model latency {Options.ModelLatencyMs} ms, {Options.Storage}")),
            ("streaming (Bot__Streaming)", Options.Streaming),
            ("completed", F($"{Completed} ({Replies}/{Options.Updates} replies in {ElapsedSeconds:0.00} s)")),
            ("cold start to the first getUpdates", ColdStartSeconds is { } coldStart ? F($"{coldStart:0.00} s") : "n/a"),
            ("updates/s sustained", F($"{UpdatesPerSecond:0.0}")),
            ("reply latency p50 / p95 / p99 / max", F($"{LatencyP50Ms:0} / {LatencyP95Ms:0} / {LatencyP99Ms:0} / {LatencyMaxMs:0} ms")),
            ("bot CPU per 1,000 updates", F($"{BotCpuSecondsPer1000Updates:0.00} s ({BotCpuSeconds:0.00} s in all)")),
            ("second half of the run (warm): updates/s", SecondHalf is { } half ? F($"{half.UpdatesPerSecond:0.0}") : "n/a"),
            ("second half: reply latency p50 / p95 / p99", SecondHalf is { } latencyHalf ? F($"{latencyHalf.LatencyP50Ms:0} / {latencyHalf.LatencyP95Ms:0} / {latencyHalf.LatencyP99Ms:0} ms") : "n/a"),
            ("second half: bot CPU per 1,000 updates", SecondHalf is { } cpuHalf ? F($"{cpuHalf.BotCpuMsPerUpdate:0.00} s") : "n/a"),
            ("bot allocations per update", BotRuntime?.AllocationsText() ?? NotAvailable),
            ("bot GC during the run", BotRuntime?.GcText() ?? "n/a"),
            ("bot exceptions thrown during the run", BotRuntime?.ExceptionsText() ?? "n/a"),
            ("fakes' CPU per 1,000 updates (bench process)", F($"{FakesCpuSecondsPer1000Updates:0.00} s")),
            ("bot peak working set (VmHWM)", F($"{BotPeakWorkingSetMiB:0.0} MiB")),
            ("database per 1,000 updates (after shutdown)", F($"{DatabaseKiBPer1000Updates:0} KiB ({DatabaseBytesFinal / 1024} KiB in all; -wal was {WalBytesAtEnd / 1024} KiB at the end of the run)")),
            ("requests: generateContent / streamGenerateContent", F($"{ModelRequests - StreamedModelRequests} / {StreamedModelRequests} (run and probe)")),
            ("requests: sendChatAction / getUpdates", F($"{ChatActions} / {PollCalls} (mean {MeanUpdatesPerBatch:0.0} updates per non-empty batch)")),
            ("requests: sendMessageDraft / editMessageText", F($"{Drafts} / {Edits}")),
            ("replies other than the model's answer / unmatched", F($"{NonAnswerReplies} / {UnexpectedReplies}")),
            ("bot log lines at Warning or above", F($"{BotLogLines}")),
        };
        if (MainRunTurns.Count > 0)
        {
            var first = MainRunTurns[0];
            var last = MainRunTurns[^1];
            rows.Add(("Gemini request, measured run, turn 1 → turn " + last.Turn.ToString(CultureInfo.InvariantCulture), F($"{first.Contents:0.0} → {last.Contents:0.0} contents, {first.BodyBytes:0} → {last.BodyBytes:0} bytes")));
        }

        if (MainRunMeanRequest is { } mean)
        {
            rows.Add(("Gemini request, measured run, mean", mean.ToString()));
        }

        foreach (var turn in ProbeTurns.Where(turn => turn.Turn is 1 or 10 or 20 || turn == ProbeTurns[^1]).DistinctBy(turn => turn.Turn))
        {
            rows.Add((F($"Gemini request, one conversation, turn {turn.Turn}"), F($"{turn.Contents:0} contents, {turn.BodyBytes:0} bytes")));
        }

        rows.Add(("one conversation: reply latency p50 (unloaded)", ProbeCompleted ? F($"{ProbeLatencyP50Ms:0.0} ms") : "not completed"));
        if (ProbeBotCpuMsPerUpdate is { } probeCpu)
        {
            rows.Add(("one conversation: bot CPU per turn (incl. background JIT)", F($"{probeCpu:0.00} ms")));
        }

        rows.Add(("bot CPU at rest (5 s, after 5 s to settle; % of one core)", F($"{IdleBotCpuPercent:0.0} %")));
        if (BareUpdatesPerSecond is { } bare)
        {
            var runs = BareRunsUpdatesPerSecond ?? [bare];
            rows.Add((F($"bare limit (same round trips, no bot; median of {runs.Count})"), F($"{bare:0.0} updates/s")));
            rows.Add(("bare limit: each run", string.Join(", ", runs.Select(run => F($"{run:0.0}")))));
            if (BareSecondHalfUpdatesPerSecond is { } bareHalf)
            {
                var halves = BareRunsSecondHalfUpdatesPerSecond ?? [bareHalf];
                rows.Add((F($"bare limit, second half (median of {halves.Count})"), F($"{bareHalf:0.0} updates/s")));
                rows.Add(("bare limit, second half: each run", string.Join(", ", halves.Select(run => F($"{run:0.0}")))));
            }

            if (BareRequests is { } requests)
            {
                rows.Add(("bare limit: the requests of the five rows above", requests.ToString()));
                rows.Add(("bare limit: Gemini request, mean", requests.MeanRequest?.ToString() ?? "n/a"));
            }

            rows.Add(("bot / bare limit", F($"{BotToBareRatio:P1}")));
            rows.Add(("bot, second half (warm) / bare limit", SecondHalfToBareRatio is { } warm ? F($"{warm:P1}") : "n/a"));
            rows.Add(("bot, second half / bare limit, second half", SecondHalfToBareSecondHalfRatio is { } warmToWarm ? F($"{warmToWarm:P1}") : "n/a"));
        }

        var width = rows.Max(row => row.Figure.Length);
        var table = new StringBuilder();
        table.AppendLine(F($"| {"figure".PadRight(width)} | value"));
        table.AppendLine(F($"|-{new string('-', width)}-|------"));
        foreach (var (figure, value) in rows)
        {
            table.AppendLine(F($"| {figure.PadRight(width)} | {value}"));
        }

        return table.ToString();
    }

    private string NotAvailable => BotRuntimeUnavailable is null ? "n/a" : $"n/a ({BotRuntimeUnavailable})";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one generateContent request carried: the entries in "contents" and the body's size.</summary>
internal sealed record TurnFigure(int Turn, int Requests, double Contents, double BodyBytes);

/// <summary>The model requests of a run together: how many, and their mean "contents" entries and body size.</summary>
internal sealed record RequestFigure(int Requests, double Contents, double BodyBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Contents:0.0} contents, {BodyBytes:0.0} bytes");
}

/// <summary>The second half of the measured run, when the bot is warm.</summary>
/// <param name="BotCpuMsPerUpdate">CPU ms per update, which is CPU s per 1,000 updates.</param>
internal sealed record SecondHalfFigures(double UpdatesPerSecond, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms, double BotCpuMsPerUpdate);

/// <summary>The bare limit's rate, over the whole run and its second half, and the requests its loop made.</summary>
/// <param name="MeanRequest">The model requests together, to compare with the bot's; null when none was counted.</param>
internal sealed record BareFigures(
    double UpdatesPerSecond, double SecondHalfUpdatesPerSecond, int ModelRequests, int StreamedModelRequests, int ChatActions, int Drafts, int Edits, RequestFigure? MeanRequest)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{ModelRequests - StreamedModelRequests} / {StreamedModelRequests} / {ChatActions} / {Drafts} / {Edits}");
}

/// <summary>Where the figures were measured.</summary>
internal sealed record MachineInfo(int ProcessorCount, string CpuModel, string Os, string Runtime)
{
    public static MachineInfo Current()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
            // Not Linux: the model stays unknown.
        }

        return new MachineInfo(Environment.ProcessorCount, model, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
