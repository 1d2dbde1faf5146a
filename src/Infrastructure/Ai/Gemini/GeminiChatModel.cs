using System.Net.Http.Json;
using System.Text.Json;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// The chat model port over Gemini's <c>generateContent</c> REST call. Retries and timeouts live in the HttpClient's
/// resilience pipeline; this class only shapes the request and reads what finally came back.
/// </summary>
internal sealed class GeminiChatModel : IChatModel
{
    private readonly HttpClient _httpClient;
    private readonly ILogger<GeminiChatModel> _logger;
    private readonly Uri _endpoint;
    private readonly GenerationConfig? _generationConfig;

    public GeminiChatModel(HttpClient httpClient, IOptions<GeminiOptions> options, ILogger<GeminiChatModel> logger)
    {
        var settings = options.Value;
        _httpClient = httpClient;
        _logger = logger;
        _endpoint = new Uri(
            $"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1beta/models/{Uri.EscapeDataString(settings.Model)}:generateContent");
        _generationConfig = settings.Temperature is null && settings.MaxOutputTokens is null
            ? null
            : new GenerationConfig(settings.Temperature, settings.MaxOutputTokens);
    }

    public async Task<ChatModelResult> GenerateAsync(ChatModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = JsonContent.Create(ToGemini(request), GeminiJsonContext.Default.GenerateContentRequest);
        try
        {
            using var response = await _httpClient.PostAsync(_endpoint, content, cancellationToken);
            return response.IsSuccessStatusCode
                ? await ReadAnswerAsync(response, cancellationToken)
                : await ReadFailureAsync(response, cancellationToken);
        }
        catch (TimeoutRejectedException)
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

    private GenerateContentRequest ToGemini(ChatModelRequest request)
    {
        var contents = new Content[request.Turns.Count];
        for (var i = 0; i < contents.Length; i++)
        {
            var turn = request.Turns[i];
            contents[i] = new Content(RoleName(turn.Role), [new Part(turn.Text)]);
        }

        if (request.Image is { } image && contents.Length > 0)
        {
            // The image belongs to the newest turn, ahead of its text as Gemini's guide advises for one image.
            contents[^1] = contents[^1] with { Parts = [new Part(Text: null, InlineData: new Blob(image.MimeType, image.Bytes)), .. contents[^1].Parts] };
        }

        var systemInstruction = string.IsNullOrWhiteSpace(request.SystemInstruction)
            ? null
            : new Content(Role: null, [new Part(request.SystemInstruction)]);
        return new GenerateContentRequest(contents, systemInstruction, _generationConfig);
    }

    private static string RoleName(MessageRole role) => role switch
    {
        MessageRole.User => "user",
        MessageRole.Model => "model",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A turn is either the user's or the model's."),
    };

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
}
