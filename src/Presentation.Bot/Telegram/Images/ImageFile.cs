namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>An image on Telegram's servers that the bot means to read: a photo in its chosen size, or an image file.</summary>
/// <param name="MimeType">Photos are always JPEG; a file's type is the one its sender's app declared.</param>
/// <param name="DeclaredBytes">Telegram's file_size, when it sent one; the download itself enforces the limit.</param>
internal sealed record ImageFile(string FileId, string MimeType, long? DeclaredBytes);
