namespace CleanBot.Application.Features.Usage;

/// <summary>Where "today" and "this month" begin: on the UTC calendar, the same for every user and every instance
/// (and the day the daily token quota renews on).</summary>
public static class UtcPeriods
{
    public static DateTimeOffset DayStart(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
