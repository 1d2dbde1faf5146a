using CleanBot.Application;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>
/// Fetches an image from Telegram (getFile, then the file's download URL on the same Bot API server) into a pooled
/// buffer, never more than the configured limit. The download URL holds the bot token: it is built inside
/// Telegram.Bot, whose HTTP client logs nothing, and never reaches a log line here.
/// </summary>
internal sealed partial class TelegramImageDownloader(
    ITelegramBotClient bot,
    IOptions<ConversationOptions> options,
    ILogger<TelegramImageDownloader> logger)
{
    private readonly int _maxBytes = options.Value.MaxImageBytes;

    /// <returns>The image's bytes (dispose to return the buffer), or null when the file is larger than the limit.</returns>
    public async Task<PooledImageBuffer?> DownloadAsync(ImageFile image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        global::Telegram.Bot.Types.TGFile file;
        try
        {
            file = await bot.GetFile(image.FileId, cancellationToken);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 400 && exception.Message.Contains("file is too big", StringComparison.OrdinalIgnoreCase))
        {
            // Bots may download files of up to 20 MB; Telegram refuses larger ones here.
            LogTooLarge(logger, image.DeclaredBytes, _maxBytes);
            return null;
        }

        if (file.FileSize > _maxBytes)
        {
            LogTooLarge(logger, file.FileSize, _maxBytes);
            return null;
        }

        if (string.IsNullOrEmpty(file.FilePath))
        {
            throw new InvalidOperationException("Telegram's getFile answer has no file_path to download.");
        }

        var buffer = new PooledImageBuffer(file.FileSize ?? image.DeclaredBytes, _maxBytes);
        try
        {
            await bot.DownloadFile(file.FilePath, buffer, cancellationToken);
            return buffer;
        }
        catch (Exception) when (buffer.Overflowed)
        {
            // The declared size was missing or wrong; the limit stopped the download.
            buffer.Dispose();
            LogTooLarge(logger, file.FileSize, _maxBytes);
            return null;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image not downloaded: {DeclaredBytes} bytes declared, over the limit of {MaxBytes}")]
    private static partial void LogTooLarge(ILogger logger, long? declaredBytes, int maxBytes);
}
