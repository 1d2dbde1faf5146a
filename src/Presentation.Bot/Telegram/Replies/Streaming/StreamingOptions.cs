namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>How answers are streamed to Telegram. Bound from the <c>Bot</c> configuration section.</summary>
internal sealed class StreamingOptions
{
    public const string SectionName = "Bot";

    public StreamingMode Streaming { get; set; } = StreamingMode.Auto;

    /// <summary>
    /// The shortest time between two previews of one answer (one chat sees one answer at a time). Telegram allows a
    /// chat about one message a second; the previews share that budget with the answer itself and "typing…".
    /// </summary>
    public TimeSpan StreamingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
