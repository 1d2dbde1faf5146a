using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// In-process stand-in for the Gemini REST API: <c>POST {BaseUrl}/v1beta/models/{model}:generateContent</c>
/// and <c>:streamGenerateContent?alt=sse</c>. Records every request and answers, in this order:
/// 503 while down; the API-key check (when a key was given); request validation; the next scripted
/// outcome; otherwise the default reply ("Echo: {last user text}" unless changed by <see cref="ReplyWith"/>).
/// </summary>
public sealed partial class FakeGeminiServer : IAsyncDisposable
{
    private const string PathPrefix = "/v1beta/models/";
    // A wait ends as soon as its condition holds: the limit only bounds a failure. It is generous because CI runs the
    // test assemblies side by side on two cores, where a reply that takes about 1 s here once missed a 10 s limit.
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    // Unknown top-level names are a 400 on the real API; catching misspelt fields is the point.
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "model", "contents", "systemInstruction", "system_instruction", "generationConfig", "generation_config",
        "safetySettings", "safety_settings", "tools", "toolConfig", "tool_config", "cachedContent", "cached_content",
    };

    private readonly Lock _gate = new();
    private readonly ChangeSignal _changed = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<GeminiRequest> _requests = [];
    private readonly Queue<Outcome> _script = new();
    private Func<GeminiRequest, string> _reply = request => $"Echo: {request.LastUserText}";
    private WebApplication? _app;
    private bool _down;
    private long _delayTicks;
    private long _streamChunkDelayTicks;
    private int _responseCount;

    private FakeGeminiServer(string? apiKey) => ApiKey = apiKey;

    /// <summary>e.g. "http://127.0.0.1:54321" (no /v1beta).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>When set, a missing key gets 403 PERMISSION_DENIED and a wrong one 400 INVALID_ARGUMENT.</summary>
    public string? ApiKey { get; }

    /// <summary>Added before every answer (after the request is recorded).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>Pause between streamed events, to make partial output observable.</summary>
    public TimeSpan StreamChunkDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _streamChunkDelayTicks));
        set => Interlocked.Exchange(ref _streamChunkDelayTicks, value.Ticks);
    }

    public IReadOnlyList<GeminiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeGeminiServer> StartAsync(string? apiKey = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeGeminiServer(apiKey);
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(server.HandleAsync, cancellationToken);
        return server;
    }

    /// <summary>Replaces the default reply used when nothing is scripted.</summary>
    public void ReplyWith(Func<GeminiRequest, string> text)
    {
        lock (_gate)
        {
            _reply = text;
        }
    }

    public void EnqueueReply(string text, string finishReason = "STOP") => Enqueue(new TextOutcome(text, finishReason));

    /// <summary>A candidate without content, as a response stopped for SAFETY can come back.</summary>
    public void EnqueueStoppedWithoutContent(string finishReason = "SAFETY") => Enqueue(new TextOutcome(null, finishReason));

    /// <param name="retryDelay">e.g. "1s": adds a google.rpc.RetryInfo detail.</param>
    public void EnqueueError(int status, string canonicalStatus, string message, string? retryDelay = null) =>
        Enqueue(new ErrorOutcome(status, canonicalStatus, message, retryDelay));

    /// <summary>200 with promptFeedback.blockReason and no candidates.</summary>
    public void EnqueueBlocked(string reason = "SAFETY") => Enqueue(new BlockedOutcome(reason));

    /// <summary>While down, every call gets 503 UNAVAILABLE and scripted outcomes wait.</summary>
    public void SetDown(bool down)
    {
        lock (_gate)
        {
            _down = down;
        }
    }

    /// <summary>Waits (event-driven) for at least <paramref name="count"/> requests; returns the first ones.</summary>
    public async Task<IReadOnlyList<GeminiRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        await _changed.WaitUntilAsync(
            () => Requests.Count >= count, timeout ?? DefaultWaitTimeout,
            () => $"Expected {count} Gemini request(s), got {Requests.Count}.");
        return [.. Requests.Take(count)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private void Enqueue(Outcome outcome)
    {
        lock (_gate)
        {
            _script.Enqueue(outcome);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = cancellation.Token;
        if (!TryParsePath(context.Request, out var model, out var streaming))
        {
            await WriteJsonAsync(context, 404, GeminiResponses.Error(404, "NOT_FOUND", $"{context.Request.Method} {context.Request.Path} is not a generateContent endpoint."), token);
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: token);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await WriteJsonAsync(context, 400, GeminiResponses.Error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."), token);
            return;
        }

        var apiKey = context.Request.Headers["x-goog-api-key"].FirstOrDefault() ?? context.Request.Query["key"].FirstOrDefault();
        var request = GeminiRequest.From(model, streaming, apiKey, body);
        lock (_gate)
        {
            _requests.Add(request);
        }

        _changed.Pulse();
        if (TakeReset())
        {
            context.Abort();
            return;
        }

        var outcome = Decide(request, body);
        try
        {
            await Task.Delay(Delay, token);
            await WriteOutcomeAsync(context, request, outcome, streaming && context.Request.Query["alt"] == "sse", token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up or the fake is shutting down.
        }
    }

    private static bool TryParsePath(HttpRequest request, out string model, out bool streaming)
    {
        model = string.Empty;
        streaming = false;
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method) || !path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[PathPrefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest[..colon].Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        model = rest[..colon];
        streaming = rest[(colon + 1)..] == "streamGenerateContent";
        return streaming || rest[(colon + 1)..] == "generateContent";
    }

    private Outcome Decide(GeminiRequest request, JsonElement body)
    {
        Func<GeminiRequest, string> reply;
        lock (_gate)
        {
            if (_down)
            {
                return new ErrorOutcome(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
            }

            if ((CheckApiKey(request.ApiKey) ?? Validate(body)) is { } rejected)
            {
                return rejected;
            }

            if (_script.TryDequeue(out var scripted))
            {
                return scripted;
            }

            reply = _reply;
        }

        return new TextOutcome(reply(request), "STOP");
    }

    private ErrorOutcome? CheckApiKey(string? key) =>
        ApiKey is null || key == ApiKey ? null
        : key is null ? new ErrorOutcome(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", null)
        : new ErrorOutcome(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", null);

    /// <summary>The request mistakes the real API refuses with 400 INVALID_ARGUMENT.</summary>
    private static ErrorOutcome? Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid("Invalid JSON payload received. Expected an object.");
        }

        var unknown = body.EnumerateObject().Select(field => field.Name).FirstOrDefault(name => !KnownFields.Contains(name));
        if (unknown is not null)
        {
            return Invalid($"Invalid JSON payload received. Unknown name \"{unknown}\": Cannot find field.");
        }

        if (!body.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            return Invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }

        var index = 0;
        foreach (var turn in contents.EnumerateArray())
        {
            if (turn.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"Invalid value at 'contents[{index}]': expected a Content object.");
            }

            // Null means "not set" in proto JSON, so only a present, non-null role is checked.
            if (turn.TryGetProperty("role", out var role) && role.ValueKind != JsonValueKind.Null
                && role.ToString() is not ("user" or "model"))
            {
                return Invalid("Please use a valid role: user, model.");
            }

            if (!turn.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0)
            {
                return Invalid($"* GenerateContentRequest.contents[{index}].parts: contents.parts must not be empty.\n");
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (PartError(part) is { } partError)
                {
                    return Invalid(partError);
                }
            }

            index++;
        }

        return null;

        static ErrorOutcome Invalid(string message) => new(400, "INVALID_ARGUMENT", message, null);
    }

    private static string? PartError(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object || !part.EnumerateObject().Any(field => field.Value.ValueKind != JsonValueKind.Null))
        {
            return "* GenerateContentRequest.contents.parts.data: required oneof field 'data' must have one initialized field\n";
        }

        if (InlineDataError(part) is { } inlineDataError)
        {
            return inlineDataError;
        }

        return part.TryGetProperty("text", out var text) && text.ValueKind != JsonValueKind.Null
            && (text.ValueKind != JsonValueKind.String || text.GetString()!.Length == 0)
            ? "Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again."
            : null;
    }

    private async Task WriteOutcomeAsync(HttpContext context, GeminiRequest request, Outcome outcome, bool sse, CancellationToken cancellationToken)
    {
        if (outcome is ErrorOutcome error)
        {
            // Errors are plain JSON even on the streaming endpoint.
            await WriteJsonAsync(context, error.Status, GeminiResponses.Error(error.Status, error.Canonical, error.Message, error.RetryDelay), cancellationToken);
            return;
        }

        var responseId = $"fake-{Interlocked.Increment(ref _responseCount)}";
        var chunks = outcome switch
        {
            BlockedOutcome blocked => [GeminiResponses.Blocked(request, responseId, blocked.Reason)],
            TextOutcome { Text: null } empty => [GeminiResponses.Candidate(request, responseId, null, empty.FinishReason, withUsage: true)],
            TextOutcome text when request.IsStreaming => StreamChunks(request, responseId, text, StreamPieces),
            BrokenStreamOutcome broken => StreamChunks(request, responseId, new TextOutcome(broken.Text, "STOP"), StreamPieces)[..broken.PiecesBeforeBreak],
            TextOutcome text => [GeminiResponses.Candidate(request, responseId, text.Text, text.FinishReason, withUsage: true)],
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}."),
        };

        RecordUsage(chunks);
        if (!request.IsStreaming)
        {
            await WriteJsonAsync(context, 200, chunks[0], cancellationToken);
        }
        else if (!sse)
        {
            // Without alt=sse the streaming endpoint answers one JSON array of all chunks.
            await WriteJsonAsync(context, 200, new JsonArray([.. chunks]), cancellationToken);
        }
        else
        {
            await WriteEventsAsync(context, chunks, cancellationToken);
            if (outcome is BrokenStreamOutcome)
            {
                context.Abort();
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> pieces; only the last carries finishReason and usageMetadata.</summary>
    private static List<JsonObject> StreamChunks(GeminiRequest request, string responseId, TextOutcome outcome, int count)
    {
        var pieces = GeminiResponses.Split(outcome.Text!, count);
        return [.. pieces.Select((piece, i) => i == pieces.Count - 1
            ? GeminiResponses.Candidate(request, responseId, piece, outcome.FinishReason, withUsage: true, fullText: outcome.Text)
            : GeminiResponses.Candidate(request, responseId, piece, finishReason: null, withUsage: false))];
    }

    private async Task WriteEventsAsync(HttpContext context, List<JsonObject> chunks, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0 && StreamChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(StreamChunkDelay, cancellationToken);
            }

            // Google terminates events with CRLF CRLF; a parser splitting on "\n\n" only would break.
            await context.Response.WriteAsync($"data: {FakeJson.Write(chunks[i])}\r\n\r\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(FakeJson.Write(body), cancellationToken);
    }

    private abstract record Outcome;

    private sealed record TextOutcome(string? Text, string FinishReason) : Outcome;

    private sealed record BlockedOutcome(string Reason) : Outcome;

    private sealed record ErrorOutcome(int Status, string Canonical, string Message, string? RetryDelay) : Outcome;
}
