using System.Globalization;

namespace CleanBot.Bench;

/// <summary>
/// What the bot's runtime did during the measured run: the difference of two <see cref="RuntimeReading"/>s, one taken
/// just before the first update was made available and one just after the last reply.
/// </summary>
/// <param name="AllocatedBytes">Bytes the managed heap allocated (<c>GC.GetTotalAllocatedBytes</c>).</param>
/// <param name="Gen0Collections">Collections of gen0 only; a gen1 or gen2 collection is counted under its own generation.</param>
/// <param name="GcPauseSeconds">Time the runtime was paused in GC (<c>GC.GetTotalPauseDuration</c>).</param>
/// <param name="Exceptions">Exceptions thrown, caught or not (first-chance).</param>
/// <param name="ExceptionsByType">The same, by the exception's type name, most frequent first.</param>
/// <param name="LeadSeconds">From the first reading to the first update made available: the bot is idle then.</param>
/// <param name="TailSeconds">From the last reply to the second reading: the bot finishes its last update, then idles.</param>
internal sealed record BotRuntimeFigures(
    long AllocatedBytes,
    double AllocatedBytesPerUpdate,
    long Gen0Collections,
    long Gen1Collections,
    long Gen2Collections,
    double GcPauseSeconds,
    long Exceptions,
    IReadOnlyDictionary<string, long> ExceptionsByType,
    double LeadSeconds,
    double TailSeconds)
{
    private const string GenerationTag = "|gc.heap.generation=";
    private const string ErrorTypeTag = "|error.type=";

    /// <summary>The figures between two readings, or null if a reading lacks the allocated bytes (an older runtime).</summary>
    public static BotRuntimeFigures? Between(RuntimeReading before, RuntimeReading after, DateTime firstUpdateUtc, DateTime lastReplyUtc, int updates)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!before.Values.ContainsKey(BotRuntimeCounters.AllocatedBytes) || !after.Values.ContainsKey(BotRuntimeCounters.AllocatedBytes))
        {
            return null;
        }

        // An exception type first thrown during the run has no earlier value: its series starts at 0 with the session.
        long Delta(string key) => (long)Math.Round(after.Values.GetValueOrDefault(key) - before.Values.GetValueOrDefault(key));

        var allocated = Delta(BotRuntimeCounters.AllocatedBytes);
        var byType = after.Values.Keys
            .Where(key => key.StartsWith(BotRuntimeCounters.Exceptions + ErrorTypeTag, StringComparison.Ordinal))
            .Select(key => (Type: key[(BotRuntimeCounters.Exceptions.Length + ErrorTypeTag.Length)..], Count: Delta(key)))
            .Where(pair => pair.Count > 0)
            .OrderByDescending(pair => pair.Count)
            .ToDictionary(pair => pair.Type, pair => pair.Count);
        return new BotRuntimeFigures(
            allocated,
            updates > 0 ? (double)allocated / updates : 0,
            Delta(BotRuntimeCounters.Collections + GenerationTag + "gen0"),
            Delta(BotRuntimeCounters.Collections + GenerationTag + "gen1"),
            Delta(BotRuntimeCounters.Collections + GenerationTag + "gen2"),
            after.Values.GetValueOrDefault(BotRuntimeCounters.PauseTime) - before.Values.GetValueOrDefault(BotRuntimeCounters.PauseTime),
            byType.Values.Sum(),
            byType,
            (firstUpdateUtc - before.TakenAt).TotalSeconds,
            (after.TakenAt - lastReplyUtc).TotalSeconds);
    }

    public string AllocationsText() => F($"{AllocatedBytesPerUpdate / 1024:0.0} KiB ({Bytes(AllocatedBytes)} in all)");

    public string GcText() => F($"{Gen0Collections} gen0 / {Gen1Collections} gen1 / {Gen2Collections} gen2, pause {GcPauseSeconds:0.00} s");

    public string ExceptionsText()
    {
        var top = string.Join(", ", ExceptionsByType.Take(3).Select(pair => F($"{pair.Value:N0} {pair.Key}")));
        return ExceptionsByType.Count == 0 ? "0" : F($"{Exceptions:N0} ({top}{(ExceptionsByType.Count > 3 ? ", ..." : string.Empty)})");
    }

    private static string Bytes(long bytes) => bytes >= 1L << 30 ? F($"{bytes / (double)(1L << 30):0.00} GiB") : F($"{bytes / (double)(1L << 20):0.0} MiB");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
