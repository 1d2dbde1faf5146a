using System.Globalization;

namespace CleanBot.Bench;

/// <summary>How the workload is shaped. Parsed from the command line; see <see cref="Usage"/>.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        CleanBot.Bench: runs the real bot (child process) against in-process fakes of the Bot API and Gemini.

          --updates N            updates in the measured run (default 5000; --smoke: 300)
          --users M              private chats the updates are spread over, round robin (default 500; --smoke: 30)
          --model-latency-ms L   delay of every fake Gemini answer (default 0); a streamed answer's three events
                                 come L/3 apart
          --streaming auto|on|off  the bot's Bot__Streaming (default auto, the bot's default: private chats, which
                                 all of the bench's are, get streamed answers)
          --max-chats C          chats the bot handles at once (its Telegram__MaxConcurrentChats; default the bot's
                                 own, 1024), and the bare loop's concurrency
          --mode burst|steady    burst: all updates available at once; steady: made available at --rate per second
          --rate R               updates per second in steady mode (default 100)
          --probe-turns T        turns of the one-conversation probe run after the measured run (default 30)
          --skip-bare            do not measure the bare limit (HTTP round trips without the bot)
          --bare-runs K          measure the bare limit K times, each with new fakes, and compare the bot with the
                                 median (default 3): the loop's own rate moves by a quarter or more from run to run
          --timeout-s S          give up on the measured run after S seconds (default 600; --smoke: 90)
          --out PATH             JSON report (default: $TMPDIR/cleanbot-bench-<utc time>.json)
          --bot-dll PATH         the bot to run (default: the Presentation.Bot build of the bench's configuration)
          --bot-log PATH         write everything the bot logs to PATH (its level stays Warning unless the
                                 environment says otherwise, e.g. Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command)
          --mysql CONN           store in MySQL/MariaDB instead of SQLite: a server connection string without a
                                 database; the run uses a database of its own and drops it afterwards
          --redis HOST:PORT      cache and per-chat locks in Redis instead of memory and in-process
          --smoke                a small run that checks every update is answered; exit code 1 if not
        """;

    public int Updates { get; init; } = 5000;

    public int Users { get; init; } = 500;

    public int ModelLatencyMs { get; init; }

    /// <summary>The bot's <c>Telegram__MaxConcurrentChats</c>; null leaves the bot's default.</summary>
    public int? MaxChats { get; init; }

    /// <summary>How many chats the bot handles at once in this run, which the bare loop matches. The default mirrors
    /// <c>TelegramOptions.MaxConcurrentChats</c>: the bench runs the bot as a process and never references its types.</summary>
    public int BotMaxChats => MaxChats ?? 1024;

    /// <summary>What the bot is given as <c>Bot__Streaming</c>: "auto", "on" or "off".</summary>
    public string Streaming { get; init; } = "auto";

    /// <summary>Whether the bot streams its answers here: every chat of the bench is private, so "auto" streams too.</summary>
    public bool Streamed => Streaming is not "off";

    public bool Steady { get; init; }

    public double Rate { get; init; } = 100;

    public int ProbeTurns { get; init; } = 30;

    public bool SkipBare { get; init; }

    public int BareRuns { get; init; } = 3;

    public int TimeoutSeconds { get; init; } = 600;

    public string? OutputPath { get; init; }

    public string? BotDll { get; init; }

    public string? BotLog { get; init; }

    public bool Smoke { get; init; }

    /// <summary>A MySQL server to store in instead of a SQLite file.</summary>
    public string? MySql { get; init; }

    /// <summary>A Redis server for the cache and the per-chat locks.</summary>
    public string? Redis { get; init; }

    public string Storage => $"{(MySql is null ? "SQLite" : "MySQL")} + {(Redis is null ? "memory cache" : "Redis")}";

    public string Mode => Steady ? "steady" : "burst";

    /// <summary>Parses the arguments; returns null with a message when they make no sense.</summary>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var smoke = args.Contains("--smoke");
        var options = smoke ? new BenchOptions { Updates = 300, Users = 30, TimeoutSeconds = 90, Smoke = true } : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--smoke")
            {
                continue;
            }

            if (name is "--skip-bare")
            {
                options = options with { SkipBare = true };
                continue;
            }

            if (name is "-h" or "--help")
            {
                return (null, string.Empty);
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value");
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--updates" => options with { Updates = Positive(value) },
                    "--users" => options with { Users = Positive(value) },
                    "--max-chats" => options with { MaxChats = Positive(value) },
                    "--model-latency-ms" => options with { ModelLatencyMs = NonNegative(value) },
                    "--streaming" => options with { Streaming = value is "auto" or "on" or "off" ? value : throw new FormatException("auto, on or off") },
                    "--mode" => options with { Steady = value switch { "steady" => true, "burst" => false, _ => throw new FormatException("burst or steady") } },
                    "--rate" => options with { Rate = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) is > 0 and var rate ? rate : throw new FormatException("a positive number") },
                    "--probe-turns" => options with { ProbeTurns = NonNegative(value) },
                    "--bare-runs" => options with { BareRuns = Positive(value) },
                    "--timeout-s" => options with { TimeoutSeconds = Positive(value) },
                    "--out" => options with { OutputPath = value },
                    "--bot-dll" => options with { BotDll = value },
                    "--bot-log" => options with { BotLog = value },
                    "--mysql" => options with { MySql = value },
                    "--redis" => options with { Redis = value },
                    _ => throw new ArgumentException($"unknown option {name}"),
                };
            }
            catch (FormatException exception)
            {
                return (null, $"{name} {value}: expected {exception.Message}");
            }
            catch (ArgumentException exception)
            {
                return (null, exception.Message);
            }
        }

        return (options, null);
    }

    private static int Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException("a positive whole number");

    private static int NonNegative(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException("a whole number, 0 or more");
}
