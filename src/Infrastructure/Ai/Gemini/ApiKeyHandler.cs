namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Puts the API key on each request only while the request is on the wire. It sits below every other handler and
/// takes the key off again, so nothing else that sees the request message ever sees the key, such as logging an
/// operator adds (the factory's logging handlers put raw header values in their structured state).
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
