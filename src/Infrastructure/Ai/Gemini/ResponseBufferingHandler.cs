namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Reads each answer's body in full inside the resilience pipeline, so the per-attempt timeout also covers a body
/// that stalls, a connection dropped mid-body is retried, and the retry logic can read a 429's body safely.
/// A successful streamed answer is the exception: it is read while it arrives (failures are still buffered).
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <summary>Set on a request whose successful answer is a stream of events, to be read as they come.</summary>
    public static readonly HttpRequestOptionsKey<bool> Streamed = new("CleanBot.Gemini.Streamed");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode && request.Options.TryGetValue(Streamed, out var streamed) && streamed)
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
}
