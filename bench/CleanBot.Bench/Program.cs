using System.Diagnostics;
using System.Globalization;
using CleanBot.Bench;

// Runs the real bot against in-process fakes and reports what it costs. See docs/performance.md.
var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(string.IsNullOrEmpty(error) ? BenchOptions.Usage : $"{error}\n\n{BenchOptions.Usage}");
    return error is { Length: > 0 } ? 2 : 0;
}

var dll = options.BotDll ?? BotProcess.DefaultDll();
if (!File.Exists(dll))
{
    await Console.Error.WriteLineAsync($"The bot is not built at {dll}: run `dotnet build -c Release` (or build the bench, which builds the bot).");
    return 2;
}

var scratch = Directory.CreateTempSubdirectory("cleanbot-bench-");
try
{
    var report = await Run.ExecuteAsync(options, dll, scratch.FullName);
    Console.WriteLine(report.ToTable());
    var output = options.OutputPath ?? Path.Combine(Path.GetTempPath(), $"cleanbot-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
    await File.WriteAllTextAsync(output, report.ToJson());
    Console.WriteLine($"JSON report: {output}");
    if (!report.Completed || !report.ProbeCompleted)
    {
        await Console.Error.WriteLineAsync("The bot did not answer every update. Its last log lines:");
        foreach (var line in report.BotLastLines)
        {
            await Console.Error.WriteLineAsync("  " + line);
        }

        return 1;
    }

    if (options.Smoke && (report.NonAnswerReplies > 0 || report.UnexpectedReplies > 0))
    {
        await Console.Error.WriteLineAsync($"Smoke: {report.NonAnswerReplies} replies were not the model's answer, {report.UnexpectedReplies} matched no update.");
        return 1;
    }

    return 0;
}
catch (BenchException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}
finally
{
    scratch.Delete(recursive: true);
}

namespace CleanBot.Bench
{
    /// <summary>The bench could not measure (say, the bot exited at start-up).</summary>
    internal sealed class BenchException(string message) : Exception(message);

    /// <summary>One run: the bot against the fakes, the one-conversation probe, then the bare limit.</summary>
    internal static class Run
    {
        private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

        // The bot collects its counters once a second; a reading later than this is not coming.
        private static readonly TimeSpan CountersTimeout = TimeSpan.FromSeconds(5);

        // The runtime recompiles hot code in the background for a few seconds after load ends (tiered JIT).
        private static readonly TimeSpan SettleBeforeIdle = TimeSpan.FromSeconds(5);

        public static async Task<BenchReport> ExecuteAsync(BenchOptions options, string dll, string scratch)
        {
            var latency = TimeSpan.FromMilliseconds(options.ModelLatencyMs);
            var probeTurns = Math.Min(options.ProbeTurns, 200);
            var workload = new Workload(options.Updates, options.Users, probeTurns);
            var storage = new BotStorage(Path.Combine(scratch, "bench.db"), options.MySql, options.Redis, $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}");
            Console.WriteLine($"Bot: {dll}");
            Console.WriteLine($"Run: {options.Updates} updates, {options.Users} users, {options.BotMaxChats} chats at once, {options.Mode}, model latency {options.ModelLatencyMs} ms, streaming {options.Streaming}, {options.Storage}; scratch {scratch}");

            await using var telegram = await FakeTelegramApi.StartAsync(workload);
            await using var gemini = await FakeGeminiApi.StartAsync(workload, latency);
            var launched = Stopwatch.GetTimestamp();
            var bot = BotProcess.Start(dll, scratch, telegram.BaseUrl, gemini.BaseUrl, storage, options.Streaming, options.MaxChats, options.BotLog);
            BenchReport report;
            long databaseFinal;
            long walFinal;
            try
            {
                try
                {
                    await WaitForStartAsync(workload, bot);
                    var coldStart = Stopwatch.GetElapsedTime(launched).TotalSeconds;
                    report = await MeasureAsync(options, workload, bot, storage, latency) with { ColdStartSeconds = coldStart };
                }
                finally
                {
                    await bot.DisposeAsync();
                }

                // Stopped gracefully, SQLite has checkpointed the WAL into the database file: its size is what is kept.
                (databaseFinal, walFinal) = await storage.SizeAsync();
            }
            finally
            {
                await storage.CleanUpAsync();
            }

            var stored = workload.MainCount + workload.ProbeCount;
            report = report with
            {
                DatabaseBytesFinal = databaseFinal + walFinal,
                DatabaseKiBPer1000Updates = (databaseFinal + walFinal) / 1024.0 * 1000 / stored,
            };

            if (options.SkipBare)
            {
                return report;
            }

            var bareRuns = new List<BareFigures>(options.BareRuns);
            for (var run = 1; run <= options.BareRuns; run++)
            {
                Console.WriteLine($"Bare limit, run {run} of {options.BareRuns}: the same round trips without the bot...");
                bareRuns.Add(await BareLimitAsync(options, latency));
            }

            double[] rates = [.. bareRuns.Select(bare => bare.UpdatesPerSecond)];
            double[] secondHalves = [.. bareRuns.Select(bare => bare.SecondHalfUpdatesPerSecond)];
            var median = BenchReport.Median(rates);
            var medianSecondHalf = BenchReport.Median(secondHalves);
            return report with
            {
                BareUpdatesPerSecond = median,
                BareRunsUpdatesPerSecond = rates,
                BareSecondHalfUpdatesPerSecond = medianSecondHalf,
                BareRunsSecondHalfUpdatesPerSecond = secondHalves,
                BotToBareRatio = median > 0 ? report.UpdatesPerSecond / median : null,
                SecondHalfToBareRatio = median > 0 && report.SecondHalf is { } half ? half.UpdatesPerSecond / median : null,
                SecondHalfToBareSecondHalfRatio =
                    medianSecondHalf > 0 && report.SecondHalf is { } warm ? warm.UpdatesPerSecond / medianSecondHalf : null,
                BareRequests = bareRuns[^1],
            };
        }

        private static async Task WaitForStartAsync(Workload workload, BotProcess bot)
        {
            var started = await Task.WhenAny(workload.FirstPoll, bot.Exited, Task.Delay(StartupTimeout));
            if (started != workload.FirstPoll)
            {
                throw new BenchException(
                    (bot.HasExited ? "The bot exited before it polled for updates:" : $"The bot did not poll within {StartupTimeout.TotalSeconds} s:")
                    + Environment.NewLine + string.Join(Environment.NewLine, bot.LastLines));
            }
        }

        private static async Task<BenchReport> MeasureAsync(BenchOptions options, Workload workload, BotProcess bot, BotStorage storage, TimeSpan latency)
        {
            // The session lives for the measured run only, so it costs the probe and the rest nothing.
            await using var counters = await BotRuntimeCounters.StartAsync(bot.Id);
            var countersBefore = await counters.ReadingAtOrAfterAsync(DateTime.UtcNow, CountersTimeout);
            using var self = Process.GetCurrentProcess();
            var botCpuBefore = bot.CpuTime();
            var fakesCpuBefore = self.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var startedUtc = DateTime.UtcNow;

            // The bot's CPU at the run's half-way reply, for the warm second half.
            var botCpuAtHalf = workload.MainHalfDone.ContinueWith(_ => bot.CpuTime(), TaskScheduler.Default);
            using var stop = new CancellationTokenSource();
            var releasing = options.Steady ? ReleaseSteadilyAsync(workload, options.Rate, stop.Token) : Task.CompletedTask;
            if (!options.Steady)
            {
                workload.Release(workload.MainCount);
            }

            var completed = await WaitWithProgressAsync(workload, bot, TimeSpan.FromSeconds(options.TimeoutSeconds));
            await stop.CancelAsync();
            await releasing;
            var ended = completed ? workload.LastMainReplyAt : Stopwatch.GetTimestamp();
            self.Refresh();
            var botCpuAtEnd = bot.CpuTime();
            var botCpu = (botCpuAtEnd - botCpuBefore).TotalSeconds;
            var fakesCpu = (self.TotalProcessorTime - fakesCpuBefore).TotalSeconds;
            var (_, walAtEnd) = await storage.SizeAsync();
            var pollCalls = workload.PollCalls;
            var meanBatch = workload.MeanBatchSize;
            var elapsed = Stopwatch.GetElapsedTime(started, ended).TotalSeconds;
            var replies = workload.MainReplies;
            var (botRuntime, botRuntimeUnavailable) = await BotRuntimeAsync(counters, countersBefore, startedUtc, DateTime.UtcNow - Stopwatch.GetElapsedTime(ended), replies);

            // The probe: one conversation, one turn at a time, after the measured run.
            var probeCpuBefore = bot.CpuTime();
            var probeCompleted = completed;
            for (var turn = 1; probeCompleted && turn <= workload.ProbeCount; turn++)
            {
                try
                {
                    await workload.ProbeTurnAsync(turn, TimeSpan.FromSeconds(30) + (4 * latency));
                }
                catch (TimeoutException)
                {
                    probeCompleted = false;
                }
            }

            var probeCpu = (bot.CpuTime() - probeCpuBefore).TotalSeconds;

            // Idle: nothing to do but the long poll. A bot at rest should use next to no CPU.
            await Task.Delay(SettleBeforeIdle);
            var idleCpuBefore = bot.CpuTime();
            await Task.Delay(IdleWindow);
            var idleCpu = (bot.CpuTime() - idleCpuBefore).TotalSeconds;
            var latencies = workload.MainLatencies();
            var secondHalf = completed ? SecondHalf(workload, await botCpuAtHalf, botCpuAtEnd) : null;
            var probeLatencies = workload.ProbeLatencies();
            Array.Sort(probeLatencies);
            var (mainTurns, probeTurns) = workload.ModelRequestSizes();
            return new BenchReport
            {
                Machine = MachineInfo.Current(),
                Options = options,
                Completed = completed,
                Replies = replies,
                ElapsedSeconds = elapsed,
                UpdatesPerSecond = elapsed > 0 ? replies / elapsed : 0,
                LatencyP50Ms = BenchReport.Percentile(latencies, 50),
                LatencyP95Ms = BenchReport.Percentile(latencies, 95),
                LatencyP99Ms = BenchReport.Percentile(latencies, 99),
                LatencyMaxMs = BenchReport.Percentile(latencies, 100),
                SecondHalf = secondHalf,
                BotCpuSeconds = botCpu,
                BotCpuSecondsPer1000Updates = replies > 0 ? botCpu * 1000 / replies : 0,
                FakesCpuSecondsPer1000Updates = replies > 0 ? fakesCpu * 1000 / replies : 0,
                BotRuntime = botRuntime,
                BotRuntimeUnavailable = botRuntimeUnavailable,
                BotPeakWorkingSetMiB = bot.PeakWorkingSet() / (1024.0 * 1024.0),
                WalBytesAtEnd = walAtEnd,
                ModelRequests = workload.ModelRequests,
                StreamedModelRequests = workload.StreamedModelRequests,
                ChatActions = workload.ChatActions,
                Drafts = workload.Drafts,
                Edits = workload.Edits,
                PollCalls = pollCalls,
                MeanUpdatesPerBatch = meanBatch,
                NonAnswerReplies = workload.NonAnswerReplies,
                UnexpectedReplies = workload.UnexpectedReplies,
                BotLogLines = bot.LogLines,
                MainRunTurns = [.. mainTurns.Select(pair => new TurnFigure(pair.Key, pair.Value.Requests, pair.Value.MeanContents, pair.Value.MeanBodyBytes))],
                MainRunMeanRequest = MeanRequest(TurnStats.Sum(mainTurns.Values)),
                ProbeTurns = [.. probeTurns.Select(pair => new TurnFigure(pair.Key, pair.Value.Requests, pair.Value.MeanContents, pair.Value.MeanBodyBytes))],
                ProbeCompleted = probeCompleted,
                ProbeLatencyP50Ms = BenchReport.Percentile(probeLatencies, 50),
                IdleBotCpuPercent = idleCpu * 100 / IdleWindow.TotalSeconds,
                ProbeBotCpuMsPerUpdate = probeCompleted && workload.ProbeCount > 0 ? probeCpu * 1000 / workload.ProbeCount : null,
                BotLastLines = [.. bot.LastLines],
            };
        }

        /// <summary>The run from its half-way reply to its last: the bot warm, the JIT's recompilation mostly done.</summary>
        private static SecondHalfFigures SecondHalf(Workload workload, TimeSpan botCpuAtHalf, TimeSpan botCpuAtEnd)
        {
            var replies = workload.MainCount - workload.HalfOfMain;
            var latencies = workload.SecondHalfLatencies();
            return new SecondHalfFigures(
                workload.SecondHalfUpdatesPerSecond,
                BenchReport.Percentile(latencies, 50),
                BenchReport.Percentile(latencies, 95),
                BenchReport.Percentile(latencies, 99),
                replies > 0 ? (botCpuAtEnd - botCpuAtHalf).TotalSeconds * 1000 / replies : 0);
        }

        /// <summary>The bot's runtime counters from <paramref name="before"/> to the first reading after the last reply.</summary>
        private static async Task<(BotRuntimeFigures? Figures, string? Unavailable)> BotRuntimeAsync(
            BotRuntimeCounters counters, RuntimeReading? before, DateTime firstUpdateUtc, DateTime lastReplyUtc, int replies)
        {
            // Waits for the bot's next collection (about 2 s: once a second, delivered a second late); the probe starts after it.
            var after = before is null ? null : await counters.ReadingAtOrAfterAsync(lastReplyUtc, CountersTimeout);
            await counters.DisposeAsync();
            var figures = before is null || after is null ? null : BotRuntimeFigures.Between(before, after, firstUpdateUtc, lastReplyUtc, replies);
            return (figures, figures is null ? counters.Unavailable ?? "the runtime publishes no dotnet.gc.heap.total_allocated" : null);
        }

        private static async Task<bool> WaitWithProgressAsync(Workload workload, BotProcess bot, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var finished = await Task.WhenAny(workload.MainDone, bot.Exited, Task.Delay(TimeSpan.FromSeconds(5)));
                if (finished == workload.MainDone)
                {
                    return true;
                }

                if (bot.HasExited || Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {workload.MainReplies}/{workload.MainCount} replies ({workload.Released} updates available)"));
            }
        }

        private static async Task ReleaseSteadilyAsync(Workload workload, double rate, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            try
            {
                while (workload.Released < workload.MainCount)
                {
                    var due = (int)Math.Min(workload.MainCount, Math.Floor(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
                    if (due > workload.Released)
                    {
                        workload.Release(due);
                    }

                    await timer.WaitForNextTickAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }

        private static RequestFigure? MeanRequest(TurnStats sum) =>
            sum.Requests == 0 ? null : new RequestFigure(sum.Requests, sum.MeanContents, sum.MeanBodyBytes);

        private static async Task<BareFigures> BareLimitAsync(BenchOptions options, TimeSpan latency)
        {
            var workload = new Workload(options.Updates, options.Users, probeCount: 0);
            await using var telegram = await FakeTelegramApi.StartAsync(workload);
            await using var gemini = await FakeGeminiApi.StartAsync(workload, latency);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
            var started = Stopwatch.GetTimestamp();
            workload.Release(workload.MainCount);

            // The bot drains up to BotMaxChats chats at a time (InboxProcessor), one update per chat at a time.
            await BareLimit.RunAsync(workload, telegram.BaseUrl, gemini.BaseUrl, Math.Min(options.Users, options.BotMaxChats), options.Streamed, timeout.Token);
            await workload.MainDone.WaitAsync(timeout.Token);
            var elapsed = Stopwatch.GetElapsedTime(started, workload.LastMainReplyAt).TotalSeconds;
            var rate = elapsed > 0 ? workload.MainCount / elapsed : 0;

            // Measured as the bot's second half is: the loop has a first tier of its own (its HTTP client's, the fakes').
            return new BareFigures(
                rate, workload.SecondHalfUpdatesPerSecond, workload.ModelRequests, workload.StreamedModelRequests, workload.ChatActions, workload.Drafts, workload.Edits,
                MeanRequest(TurnStats.Sum(workload.ModelRequestSizes().Main.Values)));
        }
    }
}
