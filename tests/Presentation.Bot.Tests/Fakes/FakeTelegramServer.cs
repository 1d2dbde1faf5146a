using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// In-process stand-in for api.telegram.org: serves <c>{BaseUrl}/bot{Token}/{method}</c> over
/// loopback HTTP, records every call, and enforces the real server's rules that a bot can get
/// wrong (token, offsets, message limits, HTML parsing, retry_after windows, unknown chats).
/// Updates: see FakeTelegramServer.Updates.cs; messages and limits: FakeTelegramServer.Messages.cs; users who
/// blocked the bot: FakeTelegramServer.Blocking.cs.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    // A wait ends as soon as its condition holds: the limit only bounds a failure. It is generous because CI runs the
    // test assemblies side by side on two cores, where a reply that takes about 1 s here once missed a 10 s limit.
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    // Telegram treats method names case-insensitively; records use these spellings.
    private static readonly string[] KnownMethods =
    [
        "getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo", "setMyCommands", "getMyCommands",
        "deleteMyCommands", "setMyDescription", "setMyShortDescription", "setMyName", "setChatMenuButton",
        "sendMessage", "editMessageText", "deleteMessage", "sendChatAction", "answerCallbackQuery",
        "answerInlineQuery",
        "getFile",
        "sendMessageDraft",
    ];

    private readonly Lock _gate = new();
    private readonly ChangeSignal _changed = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<ScriptedFault> _faults = [];
    private JsonNode? _commands;
    private WebApplication? _app;
    private long _sequence;

    private FakeTelegramServer(string token, FakeBotIdentity bot)
    {
        Token = token;
        Bot = bot;
        Updates = new TelegramUpdateFactory(this);
    }

    /// <summary>e.g. "http://127.0.0.1:54321"; pass it as TelegramBotClientOptions' baseUrl.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The only token accepted; any other gets 401 Unauthorized.</summary>
    public string Token { get; }

    public FakeBotIdentity Bot { get; }

    /// <summary>What getMe reports for @BotFather's /setinline: off, as for a new bot, unless a test turns it on.</summary>
    public bool SupportsInlineQueries { get; set; }

    /// <summary>Builders for realistic update JSON, to pass to <see cref="EnqueueUpdate"/>.</summary>
    public TelegramUpdateFactory Updates { get; }

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeTelegramServer> StartAsync(
        string token, FakeBotIdentity? bot = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeTelegramServer(token, bot ?? FakeBotIdentity.Default);
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(server.HandleAsync, cancellationToken);
        return server;
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) =>
        [.. Calls.Where(call => string.Equals(call.Method, method, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// Makes the next call of <paramref name="method"/> fail; queued faults are consumed in order.
    /// A 429 with <paramref name="retryAfter"/> also opens a retry window for the call's chat.
    /// </summary>
    public void FailNext(string method, int statusCode, string description, int? retryAfter = null)
    {
        lock (_gate)
        {
            _faults.Add(new ScriptedFault(method, statusCode, description, retryAfter));
        }
    }

    /// <summary>Waits (event-driven) until <paramref name="condition"/> holds; 30 s by default.</summary>
    public Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        _changed.WaitUntilAsync(condition, timeout ?? DefaultWaitTimeout, () => "Condition not met. " + DescribeCalls());

    public async ValueTask DisposeAsync()
    {
        // Cancel first so pending long polls answer at once instead of holding up shutdown.
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        if (await TryServeFileAsync(context))
        {
            return;
        }

        TelegramReply reply;
        if (!TryParsePath(context.Request.Path.Value, out var token, out var method))
        {
            reply = TelegramReply.Error(404, "Not Found");
        }
        else
        {
            var args = await TelegramArgs.ReadAsync(context.Request, aborted);
            var reset = TakeReset(method);
            reply = args is null ? TelegramReply.BadRequest("can't parse JSON object")
                : token != Token ? TelegramReply.Error(401, "Unauthorized")
                : reset == ConnectionReset.BeforeHandling ? NoAnswer
                : CheckBlocked(args.Value) ?? CheckRetryWindow(method, args.Value) ?? TakeFault(method, args.Value)
                    ?? await InvokeAsync(method, args.Value, aborted);
            Record(method, args ?? FakeJson.ToElement(new JsonObject()), reset is null ? reply.StatusCode : NoAnswer.StatusCode);
            if (reset is not null)
            {
                context.Abort();
                return;
            }
        }

        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Json, aborted);
    }

    private async Task<TelegramReply> InvokeAsync(string method, JsonElement args, CancellationToken aborted) => method switch
    {
        "getMe" => TelegramReply.Ok(BotUserJson(full: true)),
        "getUpdates" => await GetUpdatesAsync(args, aborted),
        "deleteWebhook" => DeleteWebhook(args),
        "setWebhook" => SetWebhook(args),
        "getWebhookInfo" => GetWebhookInfo(),
        "setMyCommands" => SetMyCommands(args),
        "getMyCommands" => GetMyCommands(),
        "sendMessage" => SendMessage(args),
        "editMessageText" => EditMessageText(args),
        "deleteMessage" => DeleteMessage(args),
        "sendChatAction" => SendChatAction(args),
        "answerInlineQuery" => AnswerInlineQuery(args),
        "answerCallbackQuery" => AnswerCallbackQuery(args),
        "getFile" => GetFile(args),
        "deleteMyCommands" or "setMyDescription" or "setMyShortDescription" or "setMyName" or "setChatMenuButton" => TelegramReply.Ok(true),
        "sendMessageDraft" => SendMessageDraft(args),
        // Unknown methods get what the real server answers, so a typo or an unfaked method shows up.
        _ => TelegramReply.Error(404, "Not Found"),
    };

    private static bool TryParsePath(string? path, out string token, out string method)
    {
        token = method = string.Empty;
        var slash = path?.LastIndexOf('/') ?? -1;
        if (path is null || !path.StartsWith("/bot", StringComparison.Ordinal) || slash <= 4 || slash == path.Length - 1)
        {
            return false;
        }

        token = path[4..slash];
        var name = path[(slash + 1)..];
        method = KnownMethods.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) ?? name;
        return true;
    }

    private TelegramReply? TakeFault(string method, JsonElement args)
    {
        ScriptedFault fault;
        lock (_gate)
        {
            var index = _faults.FindIndex(f => string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            fault = _faults[index];
            _faults.RemoveAt(index);
            if (fault is { StatusCode: 429, RetryAfter: { } seconds } && args.LongArg("chat_id") is { } chatId)
            {
                _blockedUntil[chatId] = DateTimeOffset.UtcNow.AddSeconds(seconds);
            }
        }

        return TelegramReply.Error(fault.StatusCode, fault.Description, fault.RetryAfter);
    }

    private void Record(string method, JsonElement args, int statusCode)
    {
        lock (_gate)
        {
            _calls.Add(new RecordedCall(method, args, statusCode, NextSequence(), DateTimeOffset.UtcNow));
        }

        _changed.Pulse();
    }

    private long NextSequence() => Interlocked.Increment(ref _sequence);

    private string DescribeCalls()
    {
        var recent = Calls.Where(call => call.Method != "getUpdates").TakeLast(20)
            .Select(call => $"{call.Method}→{call.StatusCode} at {call.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}");
        return $"Recent calls (getUpdates omitted): [{string.Join(", ", recent)}]; sent: [{string.Join(" | ", SentMessages.TakeLast(10).Select(m => $"{m.ChatId}: {m.Text}"))}]; now {DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}";
    }

    private JsonObject BotUserJson(bool full = false)
    {
        var user = new JsonObject { ["id"] = Bot.Id, ["is_bot"] = true, ["first_name"] = Bot.FirstName, ["username"] = Bot.Username };
        if (full)
        {
            user["can_join_groups"] = true;
            user["can_read_all_group_messages"] = false;
            user["supports_inline_queries"] = SupportsInlineQueries;
        }

        return user;
    }

    private TelegramReply SetMyCommands(JsonElement args)
    {
        if (args.StructuredArg("commands") is not { ValueKind: JsonValueKind.Array } commands)
        {
            return TelegramReply.BadRequest("parameter \"commands\" is required");
        }

        // Telegram's rules: 1-32 chars of a-z, 0-9, _ and a 1-256 char description; at most 100 commands.
        foreach (var command in commands.EnumerateArray())
        {
            var name = command.StringArg("command") ?? string.Empty;
            if (name.Length is < 1 or > 32 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return TelegramReply.BadRequest("BOT_COMMAND_INVALID");
            }

            if ((command.StringArg("description") ?? string.Empty).Trim().Length is < 1 or > 256)
            {
                return TelegramReply.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }

        if (commands.GetArrayLength() > 100)
        {
            return TelegramReply.BadRequest("BOT_COMMANDS_TOO_MUCH");
        }

        lock (_gate)
        {
            _commands = JsonNode.Parse(commands.GetRawText());
        }

        return TelegramReply.Ok(true);
    }

    private TelegramReply GetMyCommands()
    {
        lock (_gate)
        {
            return TelegramReply.Ok(_commands?.DeepClone() ?? new JsonArray());
        }
    }

    private sealed record ScriptedFault(string Method, int StatusCode, string Description, int? RetryAfter);
}
