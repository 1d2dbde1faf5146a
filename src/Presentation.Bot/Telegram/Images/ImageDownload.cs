namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>What came of fetching an image from Telegram.</summary>
internal abstract record ImageDownload
{
    private ImageDownload()
    {
    }

    /// <summary>The image's bytes; disposing <paramref name="Bytes"/> returns its buffer to the pool.</summary>
    public sealed record Downloaded(PooledImageBuffer Bytes) : ImageDownload;

    /// <summary>Larger than the limit: Telegram said so, or the download reached it.</summary>
    public sealed record TooLarge : ImageDownload;

    /// <summary>Telegram refused getFile or the download (an expired or unknown file, a server error).</summary>
    public sealed record Unavailable : ImageDownload;
}
