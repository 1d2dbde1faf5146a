using System.ComponentModel.DataAnnotations;

namespace CleanBot.Application;

/// <summary>How conversations behave. Bound from the <c>Bot</c> configuration section.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Bot";

    public const string DefaultSystemPrompt =
        "You are CleanBot, a friendly and helpful assistant in a Telegram chat. " +
        "Reply in the language of the user's last message (many users write Persian, many English). " +
        "Be concise. You may use Markdown: bold, italic, inline code, code blocks and links; avoid tables and headings.";

    [Required]
    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    /// <summary>The longest message a user may send, in characters. Telegram's own limit is 4096.</summary>
    [Range(1, 100_000)]
    public int MaxInputCharacters { get; set; } = 4096;

    /// <summary>At most this many past messages are sent to the model.</summary>
    [Range(1, 1000)]
    public int HistoryMaxMessages { get; set; } = 40;

    /// <summary>At most this many characters of past messages are sent to the model.</summary>
    [Range(100, 10_000_000)]
    public int HistoryMaxCharacters { get; set; } = 32_000;

    /// <summary>
    /// The largest image, in bytes, a message may carry to the model. Gemini takes at most 20 MB per request and the
    /// image travels base64-encoded (a third larger), so 14 MiB is the most that still leaves room for the history.
    /// </summary>
    [Range(1, 14 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Requests slower than this are logged as warnings.</summary>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(20);
}
