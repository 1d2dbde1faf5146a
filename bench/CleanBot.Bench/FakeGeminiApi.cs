using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Bench;

/// <summary>
/// Gemini's <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>: records each
/// request's size and history length with the <see cref="Workload"/> and answers "answer" after the configured model
/// latency. The streamed answer comes as three events ("an", "sw", "er"; the last with the finish reason and the usage),
/// the latency split evenly in front of them, as a model that starts writing before it is done would send it.
/// </summary>
internal static class FakeGeminiApi
{
    private const string PathPrefix = "/v1beta/models/";

    private static readonly byte[] Reply = """{"candidates":[{"content":{"role":"model","parts":[{"text":"answer"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"totalTokenCount":12},"modelVersion":"bench"}"""u8.ToArray();
    private static readonly byte[] NotFound = """{"error":{"code":404,"message":"Not a generateContent endpoint.","status":"NOT_FOUND"}}"""u8.ToArray();

    // Pre-encoded, so serving a stream costs the fake no more than serving a whole answer.
    private static readonly byte[][] Events =
    [
        Event("""{"candidates":[{"content":{"role":"model","parts":[{"text":"an"}]},"index":0}],"modelVersion":"bench"}"""),
        Event("""{"candidates":[{"content":{"role":"model","parts":[{"text":"sw"}]},"index":0}],"modelVersion":"bench"}"""),
        Event("""{"candidates":[{"content":{"role":"model","parts":[{"text":"er"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"totalTokenCount":12},"modelVersion":"bench"}"""),
    ];

    private static readonly byte[] AllEvents = [.. Events.SelectMany(piece => piece)];

    public static Task<LoopbackServer> StartAsync(Workload workload, TimeSpan latency) =>
        LoopbackServer.StartAsync(context => HandleAsync(workload, latency, context));

    private static async Task HandleAsync(Workload workload, TimeSpan latency, HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        context.Response.ContentType = "application/json";
        var streamed = path.EndsWith(":streamGenerateContent", StringComparison.Ordinal) && context.Request.Query["alt"] == "sse";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith(PathPrefix, StringComparison.Ordinal)
            || !(streamed || path.EndsWith(":generateContent", StringComparison.Ordinal)))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentLength = NotFound.Length;
            await context.Response.Body.WriteAsync(NotFound);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var (contents, lastText) = Read(body);
        workload.OnModelRequest(body.Length, contents, lastText, streamed);
        if (streamed)
        {
            await StreamAsync(context, latency);
            return;
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        context.Response.ContentLength = Reply.Length;
        await context.Response.Body.WriteAsync(Reply);
    }

    private static async Task StreamAsync(HttpContext context, TimeSpan latency)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.ContentLength = AllEvents.Length;
        if (latency <= TimeSpan.Zero)
        {
            await context.Response.Body.WriteAsync(AllEvents);
            return;
        }

        await context.Response.StartAsync(context.RequestAborted);
        var pause = latency / Events.Length;
        foreach (var piece in Events)
        {
            await Task.Delay(pause, context.RequestAborted);
            await context.Response.Body.WriteAsync(piece, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>One server-sent event, framed as Gemini frames them.</summary>
    private static byte[] Event(string json) => Encoding.UTF8.GetBytes($"data: {json}\r\n\r\n");

    /// <summary>How many entries "contents" has, and the text of the last one (the question being asked).</summary>
    private static (int Contents, string? LastText) Read(MemoryStream body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            if (!document.RootElement.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array)
            {
                return (0, null);
            }

            var count = contents.GetArrayLength();
            string? text = null;
            if (count > 0 && contents[count - 1].TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in parts.EnumerateArray())
                {
                    if (part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        text = value.GetString();
                    }
                }
            }

            return (count, text);
        }
        catch (JsonException)
        {
            return (0, null);
        }
    }
}
