using System.Net.Http.Json;
using System.Text.Json;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// The chat model port over Gemini's <c>generateContent</c> REST call, and <c>streamGenerateContent?alt=sse</c> for
/// streamed answers. This class shapes the request, sends it through its resilience pipeline (retries and the timeout
/// per attempt: <see cref="GeminiResiliencePipeline"/>), reads what finally came back, and bounds the whole call
/// (<see cref="CallTimeouts"/>). A streamed answer is read after the pipeline handed over its headers, so there the
/// attempt timeout is also the wait between events.
/// </summary>
internal sealed class GeminiChatModel : IChatModel
{
    private readonly HttpClient _httpClient;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger<GeminiChatModel> _logger;
    private readonly Uri _endpoint;
    private readonly Uri _streamEndpoint;
    private readonly TimeSpan _eventTimeout;
    private readonly TimeSpan _totalTimeout;
    private readonly int _streamRestarts;
    private readonly GenerationConfig? _generationConfig;

    public GeminiChatModel(HttpClient httpClient, IOptions<GeminiOptions> options, ILogger<GeminiChatModel> logger)
    {
        var settings = options.Value;
        _httpClient = httpClient;
        _pipeline = GeminiResiliencePipeline.Create(settings, logger);
        _logger = logger;
        var model = $"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1beta/models/{Uri.EscapeDataString(settings.Model)}";
        _endpoint = new Uri($"{model}:generateContent");
        _streamEndpoint = new Uri($"{model}:streamGenerateContent?alt=sse");
        _eventTimeout = settings.RequestTimeout;
        _totalTimeout = settings.TotalTimeout;
        _streamRestarts = Math.Min(1, settings.MaxRetryAttempts);
        _generationConfig = settings.Temperature is null && settings.MaxOutputTokens is null
            ? null
            : new GenerationConfig(settings.Temperature, settings.MaxOutputTokens);
    }

    public async Task<ChatModelResult> GenerateAsync(ChatModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeouts = new CallTimeouts(_eventTimeout, _totalTimeout, cancellationToken);
        using var content = new GeminiRequestContent(request, _generationConfig);
        try
        {
            using var response = await SendAsync(_endpoint, content, streamed: false, timeouts.Token);
            return response.IsSuccessStatusCode
                ? await ReadAnswerAsync(response, cancellationToken)
                : await ReadFailureAsync(response, cancellationToken);
        }
        catch (Exception exception) when (IsOwnTimeout(exception, cancellationToken))
        {
            _logger.GeminiTimedOut();
            return new ChatModelResult.Unavailable("timeout");
        }
        catch (HttpRequestException exception)
        {
            _logger.GeminiUnreachable(exception);
            return new ChatModelResult.Unavailable("unreachable");
        }
    }

    public async Task<ChatModelResult> StreamAsync(ChatModelRequest request, IAnswerProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        for (var restarts = 0; ; restarts++)
        {
            var (result, mayRestart) = await StreamOnceAsync(request, progress, cancellationToken);
            if (!mayRestart || restarts >= _streamRestarts)
            {
                return result;
            }

            // The stream broke before its first words: nobody saw anything, so it is safe to ask again once.
            _logger.GeminiStreamRestarted();
        }
    }

    /// <returns>The result, and whether the call may be made again because the answer began but broke before any text.</returns>
    private async Task<(ChatModelResult Result, bool MayRestart)> StreamOnceAsync(
        ChatModelRequest request, IAnswerProgress progress, CancellationToken cancellationToken)
    {
        using var timeouts = new CallTimeouts(_eventTimeout, _totalTimeout, cancellationToken);
        using var content = new GeminiRequestContent(request, _generationConfig);
        var watched = new WatchedProgress(progress);
        var streaming = false;
        try
        {
            using var response = await SendAsync(_streamEndpoint, content, streamed: true, timeouts.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (await ReadFailureAsync(response, cancellationToken), false);
            }

            streaming = true;
            timeouts.ExpectNextEvent();
            await using var events = await response.Content.ReadAsStreamAsync(timeouts.Token);
            var streamed = await GeminiStreamReader.ReadAsync(events, watched, timeouts.ExpectNextEvent, timeouts.Token);
            if (!streamed.Finished)
            {
                _logger.GeminiStreamInterrupted();
                return (new ChatModelResult.Unavailable("stream interrupted"), !watched.HasReported);
            }

            return (MapAnswer(streamed.Answer), false);
        }
        catch (Exception exception) when (IsOwnTimeout(exception, cancellationToken))
        {
            _logger.GeminiTimedOut();
            return (new ChatModelResult.Unavailable("timeout"), false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // Failures before the answer began were already retried by the pipeline.
            _logger.GeminiUnreachable(exception);
            return (new ChatModelResult.Unavailable("unreachable"), streaming && !watched.HasReported);
        }
        catch (JsonException exception)
        {
            _logger.GeminiAnswerMalformed(exception);
            return (new ChatModelResult.Unavailable("malformed answer"), false);
        }
    }

    /// <summary>Sends the request through the retries and the timeout per attempt, in a new message for each attempt.</summary>
    private ValueTask<HttpResponseMessage> SendAsync(Uri endpoint, GeminiRequestContent content, bool streamed, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            static (call, token) => call.Model.SendOnceAsync(call.Endpoint, call.Content, call.Streamed, token),
            (Model: this, Endpoint: endpoint, Content: content, Streamed: streamed),
            cancellationToken);

    /// <summary>
    /// One attempt. Its answer comes back read in full, unless it is a successful stream, which is read as it arrives:
    /// so the attempt's timeout also covers a body that stalls, a connection dropped mid-body is retried, and the retry
    /// logic can read a 429's body.
    /// </summary>
    private async ValueTask<HttpResponseMessage> SendOnceAsync(
        Uri endpoint, GeminiRequestContent content, bool streamed, CancellationToken cancellationToken)
    {
        // Not disposed: that would dispose the content, which the call owns and a retry sends again.
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (streamed && response.IsSuccessStatusCode)
        {
            return response;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One of the call's own timeouts ran out: an attempt's (the pipeline's), the whole call's with its retries, or the
    /// wait for a streamed answer's next event. The caller's own cancellation is not one of them: it is thrown on.
    /// </summary>
    private static bool IsOwnTimeout(Exception exception, CancellationToken callersToken) =>
        exception is TimeoutRejectedException || (exception is OperationCanceledException && !callersToken.IsCancellationRequested);

    private async Task<ChatModelResult> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        GenerateContentResponse? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync(GeminiJsonContext.Default.GenerateContentResponse, cancellationToken);
        }
        catch (JsonException exception)
        {
            _logger.GeminiAnswerMalformed(exception);
            return new ChatModelResult.Unavailable("malformed answer");
        }

        return MapAnswer(answer);
    }

    private ChatModelResult MapAnswer(GenerateContentResponse? answer)
    {
        var result = answer is null
            ? new ChatModelResult.Unavailable(GeminiAnswerMapper.EmptyAnswer)
            : GeminiAnswerMapper.Map(answer);
        switch (result)
        {
            case ChatModelResult.Blocked blocked:
                _logger.GeminiAnswerWithheld(blocked.Reason);
                break;
            case ChatModelResult.Unavailable:
                _logger.GeminiAnswerEmpty(answer?.Candidates is [var candidate, ..] ? candidate.FinishReason : null);
                break;
        }

        return result;
    }

    private async Task<ChatModelResult> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await GeminiErrorReader.ReadAsync(response, cancellationToken);
        var result = GeminiFailureMapper.Map(response.StatusCode, error, response.Headers.RetryAfter);
        _logger.GeminiCallFailed((int)response.StatusCode, error?.Status, result.GetType().Name);
        return result;
    }

    /// <summary>Passes pieces on and remembers whether any went out.</summary>
    private sealed class WatchedProgress(IAnswerProgress inner) : IAnswerProgress
    {
        public bool HasReported { get; private set; }

        public void Report(string piece)
        {
            HasReported = true;
            inner.Report(piece);
        }
    }
}
