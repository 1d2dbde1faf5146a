namespace CleanBot.Application.Abstractions.Persistence;

/// <param name="Users">Everyone the bot has registered.</param>
/// <param name="ActiveToday">People with a conversation turn stored since 00:00 UTC.</param>
public sealed record BotStatistics(long Users, long ActiveToday, UsageTotals Today, UsageTotals AllTime);
