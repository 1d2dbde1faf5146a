namespace CleanBot.Application.Features.NotText;

/// <summary>What a message the bot cannot take was, so the answer can name it.</summary>
public enum NotTextKind
{
    /// <summary>Anything not named below (a location, a poll, a contact, ...).</summary>
    Other,
    Sticker,
    Voice,
    Audio,
    Video,
    VideoNote,
    Animation,

    /// <summary>A file that is not an image the model reads (a PDF, a ZIP, a GIF sent as a file, ...).</summary>
    Document,

    /// <summary>A photo or image file over the size limit, known from its declared size before any download.</summary>
    OversizedImage,

    /// <summary>A photo or image file Telegram would not hand over (getFile or the download failed).</summary>
    UnavailableImage,
}
