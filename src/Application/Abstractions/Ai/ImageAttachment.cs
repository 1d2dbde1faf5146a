namespace CleanBot.Application.Abstractions.Ai;

/// <summary>
/// An image the user sent with their newest message. It goes to the model with that message only and is never
/// stored: the conversation keeps a text marker in its place (<see cref="HistoryMarker"/>).
/// </summary>
/// <param name="MimeType">What the bytes are; the model takes the types <see cref="IsSupported"/> accepts.</param>
/// <param name="Bytes">The image file as it was sent, not encoded.</param>
public sealed record ImageAttachment(string MimeType, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>Stands for the image in the stored conversation, ahead of the text sent with it.</summary>
    public const string HistoryMarker = "[photo]";

    /// <summary>The image types Gemini reads: PNG, JPEG, WebP, HEIC and HEIF.</summary>
    public static bool IsSupported(string? mimeType) =>
        mimeType is not null && (
            mimeType.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase)
            || mimeType.Equals("image/png", StringComparison.OrdinalIgnoreCase)
            || mimeType.Equals("image/webp", StringComparison.OrdinalIgnoreCase)
            || mimeType.Equals("image/heic", StringComparison.OrdinalIgnoreCase)
            || mimeType.Equals("image/heif", StringComparison.OrdinalIgnoreCase));
}
