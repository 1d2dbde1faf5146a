namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Puts the API key on each request only while the request is on the wire. It sits below IHttpClientFactory's logging
/// handlers, whose structured state carries raw header values (only their message text is redacted), and it takes
/// the key off again because a retry sends the same request message through those handlers once more.
/// </summary>
internal sealed class ApiKeyHandler(string apiKey) : DelegatingHandler
{
    public const string HeaderName = "x-goog-api-key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(HeaderName, apiKey);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            request.Headers.Remove(HeaderName);
        }
    }
}
