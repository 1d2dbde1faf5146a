using System.ComponentModel.DataAnnotations;

namespace CleanBot.Application;

/// <summary>How inline queries (<c>@botname question</c> in any chat) are answered. Bound from the <c>Inline</c>
/// configuration section.</summary>
public sealed class InlineAnswerOptions
{
    public const string SectionName = "Inline";

    /// <summary>
    /// How long the model may take. Telegram refuses an inline answer given about 10 seconds after the query, so the
    /// bot stops waiting earlier and says why instead of not answering at all.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:09")]
    public TimeSpan ModelTimeout { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>How long an answer is kept for the same question asked again (by anyone); zero keeps none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);
}
