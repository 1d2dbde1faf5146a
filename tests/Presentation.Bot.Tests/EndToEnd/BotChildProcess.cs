using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CleanBot.Presentation.Bot.Tests.Fakes;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot executable (<c>dotnet CleanBot.Presentation.Bot.dll</c>, as built in its own project) run as a child
/// process against the loopback fakes and a SQLite file, so a test can kill it the hard way. Configured by environment
/// variables only, as an operator would; it logs warnings and up, which are kept.
/// </summary>
internal sealed class BotChildProcess : IAsyncDisposable
{
    /// <summary>The SQLite file's name in the folder the bot runs in.</summary>
    public const string DatabaseFile = "bot.db";

    private static readonly string[] Aliases = ["TELEGRAM_BOT_TOKEN", "GEMINI_API_KEY", "GOOGLE_API_KEY"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private BotChildProcess(Process process) => _process = process;

    /// <summary>What the process wrote to stdout and stderr.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public static BotChildProcess Start(FakeTelegramServer telegram, FakeGeminiServer gemini, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // No .env there, and the SQLite file sits there too.
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltBot.DllPath());
        foreach (var name in start.Environment.Keys.Where(IsBotSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["Telegram__BotToken"] = BotUnderTest.BotToken;
        start.Environment["Telegram__ApiBaseUrl"] = telegram.BaseUrl;
        start.Environment["Telegram__PollingTimeoutSeconds"] = "1";
        start.Environment["Gemini__ApiKey"] = BotUnderTest.GeminiApiKey;
        start.Environment["Gemini__BaseUrl"] = gemini.BaseUrl;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Cache__Provider"] = "Memory";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, DatabaseFile)}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var bot = new BotChildProcess(process);
        process.OutputDataReceived += (_, line) => bot.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bot.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>SIGTERM, as systemd or docker stop: the host shuts down gracefully.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static bool IsBotSetting(string name) =>
        name.StartsWith("Telegram__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Gemini__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Cache__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Locks__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || Aliases.Contains(name, StringComparer.OrdinalIgnoreCase);

    private void Keep(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            _lines.Enqueue(line);
        }
    }
}
