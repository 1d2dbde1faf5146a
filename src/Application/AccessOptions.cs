using System.ComponentModel.DataAnnotations;

namespace CleanBot.Application;

/// <summary>Who may use the bot, and how much. Bound from the <c>Access</c> configuration section.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Telegram user ids that may use the bot. Empty: everyone may.</summary>
    public IReadOnlySet<long> AllowedUserIds { get; set; } = new HashSet<long>();

    /// <summary>Telegram user ids always allowed, and exempt from the rate limit and the daily quota.</summary>
    public IReadOnlySet<long> AdminUserIds { get; set; } = new HashSet<long>();

    /// <summary>Questions a user may send per minute (a fixed window on the clock's minute); 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Model tokens a user may spend per UTC day, as the model reports them; 0 turns the quota off.</summary>
    [Range(0, long.MaxValue)]
    public long DailyTokenQuota { get; set; }

    public bool IsAdmin(long userId) => AdminUserIds.Contains(userId);

    public bool IsAllowed(long userId) => AllowedUserIds.Count == 0 || AllowedUserIds.Contains(userId) || IsAdmin(userId);
}
