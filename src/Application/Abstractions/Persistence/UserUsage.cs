namespace CleanBot.Application.Abstractions.Persistence;

/// <summary>One person's use of the bot over three periods, each containing the ones before it.</summary>
public sealed record UserUsage(UsageTotals Today, UsageTotals ThisMonth, UsageTotals AllTime)
{
    public static readonly UserUsage None = new(UsageTotals.None, UsageTotals.None, UsageTotals.None);
}
