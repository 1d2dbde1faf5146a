using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Telegram.Webhook;

/// <summary>
/// Takes the updates Telegram posts: stores each in the inbox and answers 200 at once; the
/// <see cref="InboxProcessor"/> handles it in the background. Telegram posts an update again until it gets a 2xx, so
/// the answer says whether the update is safe: 200 once stored (or already stored, or unreadable: posting garbage
/// again would not help), 500 when it could not be stored, 503 while the bot stops.
/// </summary>
internal sealed partial class WebhookReceiver(
    InboxProcessor processor,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<WebhookReceiver> logger)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>An update is a few kilobytes; a body far beyond that is not one.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret);

    public async Task ReceiveAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = await AnswerAsync(context);
    }

    /// <returns>The HTTP status code to answer with.</returns>
    private async Task<int> AnswerAsync(HttpContext context)
    {
        if (!CarriesSecret(context.Request))
        {
            LogNoSecret(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return StatusCodes.Status401Unauthorized;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Telegram posts it again later: to this bot once restarted, or to another instance.
            return StatusCodes.Status503ServiceUnavailable;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        var aborted = context.RequestAborted;
        InboundUpdate? update;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted);
            if (!InboundUpdateReader.TryRead(document.RootElement, time.GetUtcNow(), out update))
            {
                LogMalformed(logger, document.RootElement.ValueKind.ToString());
                return StatusCodes.Status200OK;
            }
        }
        catch (JsonException exception)
        {
            LogNotJson(logger, exception.Message);
            return StatusCodes.Status200OK;
        }
        catch (BadHttpRequestException exception)
        {
            // Too large, or cut off: Kestrel tells which.
            LogBodyRefused(logger, exception.StatusCode);
            return exception.StatusCode;
        }

        try
        {
            await StoreAsync(update, aborted);
            return StatusCodes.Status200OK;
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            // Not stored, so not confirmed: Telegram posts it again, and nothing is lost.
            LogStoreFailed(logger, update.UpdateId, exception.GetType().Name);
            return StatusCodes.Status500InternalServerError;
        }
    }

    /// <summary>Compares in constant time, so the response time tells nothing about how much of a guess was right.</summary>
    private bool CarriesSecret(HttpRequest request) =>
        request.Headers.TryGetValue(SecretHeader, out var values)
        && values is [{ } given]
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _secret);

    private async Task StoreAsync(InboundUpdate update, CancellationToken cancellationToken)
    {
        if (await processor.AcceptAsync([update], cancellationToken) == 0)
        {
            LogDuplicate(logger, update.UpdateId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook post from {RemoteAddress} without the right secret header")]
    private static partial void LogNoSecret(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a posted update without a readable update_id (JSON {Kind})")]
    private static partial void LogMalformed(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a posted body that is not JSON: {Reason}")]
    private static partial void LogNotJson(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a posted body (HTTP {StatusCode})")]
    private static partial void LogBodyRefused(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store posted update {UpdateId} ({Reason}); answered 500 so Telegram posts it again")]
    private static partial void LogStoreFailed(ILogger logger, long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update {UpdateId} posted again was already stored; not handling it twice")]
    private static partial void LogDuplicate(ILogger logger, long updateId);
}
