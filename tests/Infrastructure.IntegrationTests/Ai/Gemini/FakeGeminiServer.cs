using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>What the fake answers to one call. <paramref name="Delay"/> holds the answer back, as a slow model would.</summary>
/// <param name="ContentType">text/event-stream for a streamed answer.</param>
/// <param name="StallAfterBody">The answer is never ended after the body: the connection stays open and silent, as
/// with a stream that stalled, until the client gives up.</param>
/// <param name="Location">Sent as the Location header, for a redirect.</param>
/// <param name="RepeatBodyEvery">The body is sent again at this interval until the client gives up, as a stream that
/// never ends.</param>
internal sealed record FakeResponse(
    int StatusCode,
    string Body,
    TimeSpan Delay = default,
    string? RetryAfter = null,
    string ContentType = "application/json; charset=UTF-8",
    bool StallAfterBody = false,
    string? Location = null,
    TimeSpan? RepeatBodyEvery = null);

/// <summary>A call the fake received; <paramref name="Path"/> includes any query string.</summary>
/// <param name="ContentLength">The Content-Length header; null when the body came in chunks.</param>
internal sealed record RecordedRequest(string Method, string Path, string ApiKey, string ContentType, string Body, long? ContentLength);

/// <summary>
/// A Gemini stand-in on a loopback Kestrel port: it records every call and plays scripted responses in order,
/// then repeats <see cref="Otherwise"/> once the script runs out.
/// </summary>
internal sealed class FakeGeminiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeGeminiServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri BaseUrl => new(_app.Urls.Single());

    public FakeResponse Otherwise { get; set; } = new(500, """{"error":{"code":500,"message":"Nothing scripted.","status":"INTERNAL"}}""");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Completes once a call has arrived, for tests that act while it is in flight.</summary>
    public Task FirstRequestReceived => _firstRequest.Task;

    public static async Task<FakeGeminiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeGeminiServer(app);
        await app.StartAsync();
        return server;
    }

    public void Reply(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            $"{context.Request.Path}{context.Request.QueryString}",
            context.Request.Headers["x-goog-api-key"].ToString(),
            context.Request.ContentType ?? string.Empty,
            body,
            context.Request.ContentLength));
        _firstRequest.TrySetResult();

        var response = _script.TryDequeue(out var next) ? next : Otherwise;
        try
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up on this call
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
        if (response.RepeatBodyEvery is { } interval)
        {
            await RepeatUntilAbortedAsync(context, response.Body, interval);
        }
        else if (response.StallAfterBody)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        }
    }

    private static async Task RepeatUntilAbortedAsync(HttpContext context, string body, TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(interval, context.RequestAborted);
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client gave up, as it should.
        }
    }
}
