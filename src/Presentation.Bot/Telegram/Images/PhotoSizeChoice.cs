using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>Telegram sends each photo in several sizes; the model reads best the largest one the bot may download.</summary>
internal static class PhotoSizeChoice
{
    /// <summary>
    /// The size with the most pixels whose file fits <paramref name="maxBytes"/>; a size without a declared file size
    /// counts as fitting (the download enforces the limit). Null when every size is over the limit.
    /// </summary>
    public static PhotoSize? Largest(IReadOnlyList<PhotoSize> sizes, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        PhotoSize? best = null;
        foreach (var size in sizes)
        {
            if (size is null || string.IsNullOrEmpty(size.FileId) || size.FileSize > maxBytes)
            {
                continue;
            }

            if (best is null || Pixels(size) > Pixels(best) || (Pixels(size) == Pixels(best) && size.FileSize > best.FileSize))
            {
                best = size;
            }
        }

        return best;
    }

    private static long Pixels(PhotoSize size) => (long)size.Width * size.Height;
}
