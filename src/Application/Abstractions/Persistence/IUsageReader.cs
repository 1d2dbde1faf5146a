namespace CleanBot.Application.Abstractions.Persistence;

/// <summary>Read-only figures over the stored conversations, for /usage and /stats. Each method is one query.</summary>
public interface IUsageReader
{
    /// <summary>What one person wrote and spent in all their chats (private and groups), today, this month and in
    /// all, where today and this month start at <paramref name="dayStart"/> and <paramref name="monthStart"/>.</summary>
    Task<UserUsage> UserUsageAsync(long userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken);

    /// <summary>Figures over every user; today starts at <paramref name="dayStart"/>.</summary>
    Task<BotStatistics> StatisticsAsync(DateTimeOffset dayStart, CancellationToken cancellationToken);
}
