using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace CleanBot.Bench;

/// <summary>
/// The real bot, started the way an operator starts it (<c>dotnet CleanBot.Presentation.Bot.dll</c>) with environment
/// variables pointing it at the fakes and at a SQLite file in a scratch directory. Reports its CPU time and peak
/// working set, and keeps the last lines it logged (warnings and up).
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    // Settings that the bot also reads under other names; the bench's own environment must not leak them in.
    private static readonly string[] Aliases = ["TELEGRAM_BOT_TOKEN", "GEMINI_API_KEY", "GOOGLE_API_KEY"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();
    private readonly StreamWriter? _log;
    private int _lines;

    private BotProcess(Process process, string? logPath)
    {
        _process = process;
        _log = logPath is null ? null : new StreamWriter(logPath);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines the bot wrote (its log level is Warning, so these are warnings and errors).</summary>
    public int LogLines => Volatile.Read(ref _lines);

    public IEnumerable<string> LastLines => _lastLines;

    /// <summary>The bot build next to the bench: same configuration and framework (set at build time).</summary>
    public static string DefaultDll() =>
        typeof(BotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "CleanBot.Bench.BotDll")?.Value
        ?? throw new InvalidOperationException("The bench was built without the bot's path.");

    public static BotProcess Start(
        string dll, string workingDirectory, string telegramUrl, string geminiUrl, BotStorage storage, string streaming, int? maxChats, string? logPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var alias in Aliases)
        {
            start.Environment.Remove(alias);
        }

        start.Environment["Telegram__BotToken"] = FakeTelegramApi.BotToken;
        start.Environment["Telegram__ApiBaseUrl"] = telegramUrl;
        // The fake Bot API has no rate limits and the bare loop keeps none: the bot's budgets are off to compare like
        // with like (docs/performance.md).
        start.Environment["Telegram__GlobalMessagesPerSecond"] = "0";
        start.Environment["Telegram__ChatMessagesPerMinute"] = "0";
        start.Environment["Telegram__GroupMessagesPerMinute"] = "0";
        start.Environment["Gemini__ApiKey"] = "bench-key";
        start.Environment["Gemini__BaseUrl"] = geminiUrl;
        ArgumentNullException.ThrowIfNull(storage);
        foreach (var (name, value) in storage.Environment())
        {
            start.Environment[name] = value;
        }

        // The bench measures the pipeline, not the per-user rate limit: its probe asks one chat 30 questions in seconds.
        start.Environment["Access__MessagesPerMinute"] = "0";
        start.Environment["Bot__Streaming"] = streaming;
        if (maxChats is { } chats)
        {
            start.Environment["Telegram__MaxConcurrentChats"] = chats.ToString(CultureInfo.InvariantCulture);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var bot = new BotProcess(process, logPath);
        process.OutputDataReceived += (_, line) => bot.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bot.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>User plus system CPU time so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident set (VmHWM), in bytes.</summary>
    public long PeakWorkingSet() => ReadStatusKilobytes("VmHWM") * 1024;

    public Task Exited => _process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully, as under systemd or docker stop.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.WaitForExit();
        _process.Dispose();
        if (_log is not null)
        {
            lock (_log)
            {
                _log.Flush();
            }

            await _log.DisposeAsync();
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has gone.
        }

        return 0;
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        if (_log is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > KeptLines && _lastLines.TryDequeue(out _))
        {
        }
    }
}
