using CleanBot.Application;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>
/// Fetches an image from Telegram (getFile, then the file's download URL on the same Bot API server) into a pooled
/// buffer, never more than the configured limit. The download URL holds the bot token: it is built inside
/// Telegram.Bot, whose HTTP client logs nothing, and never reaches a log line here (Telegram.Bot's error messages
/// carry Telegram's description or the HTTP failure, not the URL).
/// </summary>
internal sealed partial class TelegramImageDownloader(
    ITelegramBotClient bot,
    IOptions<ConversationOptions> options,
    ILogger<TelegramImageDownloader> logger)
{
    private readonly int _maxBytes = options.Value.MaxImageBytes;

    public async Task<ImageDownload> DownloadAsync(ImageFile image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        TGFile file;
        try
        {
            file = await bot.GetFile(image.FileId, cancellationToken);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 400 && exception.Message.Contains("file is too big", StringComparison.OrdinalIgnoreCase))
        {
            // Bots may download files of up to 20 MB; Telegram refuses larger ones here.
            LogTooLarge(logger, image.DeclaredBytes, _maxBytes);
            return new ImageDownload.TooLarge();
        }
        catch (RequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, "getFile", StatusOf(exception), exception.Message);
            return new ImageDownload.Unavailable();
        }

        if (file.FileSize > _maxBytes)
        {
            LogTooLarge(logger, file.FileSize, _maxBytes);
            return new ImageDownload.TooLarge();
        }

        if (string.IsNullOrEmpty(file.FilePath))
        {
            LogUnavailable(logger, "getFile", statusCode: null, "the answer has no file_path");
            return new ImageDownload.Unavailable();
        }

        var buffer = new PooledImageBuffer(file.FileSize ?? image.DeclaredBytes, _maxBytes);
        try
        {
            await bot.DownloadFile(file.FilePath, buffer, cancellationToken);
            return new ImageDownload.Downloaded(buffer);
        }
        catch (Exception) when (buffer.Overflowed)
        {
            // The declared size was missing or wrong; the limit stopped the download.
            buffer.Dispose();
            LogTooLarge(logger, file.FileSize, _maxBytes);
            return new ImageDownload.TooLarge();
        }
        catch (RequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            buffer.Dispose();
            LogUnavailable(logger, "download", StatusOf(exception), exception.Message);
            return new ImageDownload.Unavailable();
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static int? StatusOf(RequestException exception) =>
        exception is ApiRequestException refusal ? refusal.ErrorCode : (int?)exception.HttpStatusCode;

    [LoggerMessage(Level = LogLevel.Information, Message = "Image not downloaded: {DeclaredBytes} bytes declared, over the limit of {MaxBytes}")]
    private static partial void LogTooLarge(ILogger logger, long? declaredBytes, int maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image could not be fetched: {Step} failed (HTTP {StatusCode}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string step, int? statusCode, string reason);
}
