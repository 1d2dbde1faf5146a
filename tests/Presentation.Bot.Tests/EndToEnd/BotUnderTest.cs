using System.Globalization;
using System.Text.Json.Nodes;
using CleanBot.Presentation.Bot.Configuration;
using CleanBot.Presentation.Bot.Tests.Fakes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot host (<see cref="BotHost"/>, the same composition as Program.cs) wired to loopback fakes of the Bot API
/// and Gemini, with a real SQLite file in its own temporary folder and every log line captured. One per test.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    /// <summary>A token in @BotFather's shape; the fake accepts only this one.</summary>
    public const string BotToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    /// <summary>The secret part of the token, which must not show up on its own either.</summary>
    public const string BotTokenSecret = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    public const string GeminiApiKey = "AIzaSyD-e2e-test-key-4f3b9c2a7d1e";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private IHost? _host;
    private bool _stopped;

    private BotUnderTest(FakeTelegramServer telegram, FakeGeminiServer gemini, string folder)
    {
        Telegram = telegram;
        Gemini = gemini;
        Folder = folder;
    }

    public FakeTelegramServer Telegram { get; }

    public FakeGeminiServer Gemini { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>The running bot's services, e.g. to hold a chat's lock from a test.</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The bot is not started.");

    /// <summary>The temporary folder holding this bot's SQLite file.</summary>
    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "bot.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the two fakes only, so a test can queue updates before the bot's first getUpdates.</summary>
    public static async Task<BotUnderTest> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cleanbot-e2e-").FullName;
        var telegram = await FakeTelegramServer.StartAsync(BotToken, cancellationToken: Ct);
        var gemini = await FakeGeminiServer.StartAsync(GeminiApiKey, Ct);
        return new BotUnderTest(telegram, gemini, folder);
    }

    /// <summary>Starts the fakes and the bot.</summary>
    public static async Task<BotUnderTest> StartNewAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var bot = await CreateAsync();
        try
        {
            await bot.StartAsync(overrides);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds and starts the real host; <paramref name="overrides"/> win over the test defaults.</summary>
    /// <param name="replaceServices">Runs after the bot's own registrations, e.g. to swap in a fake clock.</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? replaceServices = null)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The bot is already started.");
        }

        var settings = DefaultSettings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = BotHost.CreateBuilder([], configuration => configuration.AddInMemoryCollection(settings));
        StartupSettings.Validate(builder.Configuration).Should().BeEmpty("the test configuration is complete");
        builder.AddBot();

        // Only the captured logs: the console would flood the test output at Trace level.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        replaceServices?.Invoke(builder.Services);

        _host = builder.Build();
        await _host.StartAsync(Ct);
    }

    /// <summary>Queues an update and returns its update_id.</summary>
    public long Send(string updateJson) => Telegram.EnqueueUpdate(updateJson);

    /// <summary>Queues a private text message from <paramref name="userId"/> and returns the reply that follows it.</summary>
    public Task<SentMessage> AskPrivateAsync(long userId, string text, string languageCode = "en", string firstName = "Test") =>
        SendAndWaitForReplyAsync(userId, Telegram.Updates.PrivateText(userId, text, languageCode, firstName));

    /// <summary>Queues an update and waits for the next message the bot sends to <paramref name="chatId"/>.</summary>
    public async Task<SentMessage> SendAndWaitForReplyAsync(long chatId, string updateJson)
    {
        var before = Telegram.MessagesTo(chatId).Count;
        Send(updateJson);
        var messages = await Telegram.WaitForMessagesAsync(chatId, before + 1);
        return messages[before];
    }

    /// <summary>
    /// Waits until the bot marked <paramref name="updateId"/> handled in its inbox, which it does once the update's
    /// reply is out (it confirms the update to Telegram earlier, as soon as the update is stored).
    /// </summary>
    public async Task WaitUntilHandledAsync(long updateId)
    {
        await Telegram.WaitForConfirmationAsync(updateId);
        await WaitForInboxStateAsync(updateId, InboxState.Handled);
    }

    /// <summary>Waits until the bot's inbox says <paramref name="state"/> of an update (a webhook bot confirms nothing
    /// to the fake, so this is its way to know an update is handled).</summary>
    public async Task WaitForInboxStateAsync(long updateId, InboxState state)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // as generous as the fakes' waits, for the same reason
        while (await InboxStateAsync(updateId) != state)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>What the bot's inbox says of an update, read straight from its SQLite file.</summary>
    public async Task<InboxState> InboxStateAsync(long updateId)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT HandledAt IS NOT NULL FROM InboxUpdates WHERE UpdateId = $id";
        command.Parameters.AddWithValue("$id", updateId);
        return await command.ExecuteScalarAsync(Ct) switch
        {
            null => InboxState.Absent,
            long handled when handled != 0 => InboxState.Handled,
            _ => InboxState.Pending,
        };
    }

    /// <summary>How many updates the bot's inbox holds, handled or not.</summary>
    public async Task<long> InboxCountAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM InboxUpdates";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Where the bot's web server listens (the webhook, the health endpoint); empty when it opens no port.</summary>
    public IReadOnlyList<string> ListeningAddresses =>
        [.. _host?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>The message_id of the message inside an update built by the fake's update factory.</summary>
    public static int MessageIdOf(string updateJson) =>
        JsonNode.Parse(updateJson)!["message"]!["message_id"]!.GetValue<int>();

    public async Task StopAsync()
    {
        if (_host is null || _stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        await _host.StopAsync(timeout.Token);
    }

    /// <summary>Stops this host and starts a new one on the same database and fakes, as a restarted process would.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        await StopAsync();
        await DisposeHostAsync();
        _host = null;
        _stopped = false;
        await StartAsync(overrides);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await DisposeHostAsync();

            await Telegram.DisposeAsync();
            await Gemini.DisposeAsync();
            WriteLogsToTestOutput();

            // Pooled connections keep the database file open.
            SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private async Task DisposeHostAsync()
    {
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host?.Dispose();
        }
    }

    private Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Telegram:BotToken"] = BotToken,
        ["Telegram:ApiBaseUrl"] = Telegram.BaseUrl,
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["Gemini:ApiKey"] = GeminiApiKey,
        ["Gemini:BaseUrl"] = Gemini.BaseUrl,
        ["Gemini:RetryBaseDelay"] = "00:00:00.050",
        ["Gemini:MaxRetryAttempts"] = "2",
        ["Database:Provider"] = "Sqlite",
        ["Database:MigrateOnStartup"] = "true",
        ["Cache:Provider"] = "Memory",
        ["ConnectionStrings:Sqlite"] = $"Data Source={DatabasePath}",
        // appsettings.json raises some categories to Warning; the tests want every line, secrets checks included.
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
    };

    /// <summary>Shown when a test fails: what the bot said it was doing (Information and above), and when.</summary>
    private void WriteLogsToTestOutput()
    {
        if (TestContext.Current.TestOutputHelper is not { } output)
        {
            return;
        }

        foreach (var (at, line) in Logs.TimedLines.Where(entry => !entry.Line.StartsWith("Trace", StringComparison.Ordinal)
                     && !entry.Line.StartsWith("Debug", StringComparison.Ordinal)))
        {
            output.WriteLine($"{at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}");
        }
    }
}

internal enum InboxState
{
    Absent,
    Pending,
    Handled,
}
