namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>Where answers are shown while the model writes them (<c>Bot__Streaming</c>).</summary>
internal enum StreamingMode
{
    /// <summary>In private chats; groups get the finished answer only, so a busy group is not flooded with edits.</summary>
    Auto,

    /// <summary>Everywhere: a draft in private chats, a message edited as it grows in groups.</summary>
    On,

    /// <summary>Nowhere: every answer arrives finished.</summary>
    Off,
}
