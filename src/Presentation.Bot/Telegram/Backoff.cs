namespace CleanBot.Presentation.Bot.Telegram;

/// <summary>Exponential backoff for retries against Telegram and the database.</summary>
internal static class Backoff
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <summary>Twice <paramref name="current"/>, at most <see cref="Max"/>.</summary>
    public static TimeSpan Doubled(TimeSpan current) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Max.Ticks));
}
