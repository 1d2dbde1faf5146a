namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Reads each answer's body in full inside the resilience pipeline, so the per-attempt timeout also covers a body
/// that stalls, a connection dropped mid-body is retried, and the retry logic can read a 429's body safely.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
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
}
