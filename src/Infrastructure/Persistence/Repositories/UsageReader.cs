using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Repositories;

/// <typeparam name="TContext">The provider's context: a compiled query serves one model only.</typeparam>
internal sealed class UsageReader<TContext>(RequestDbContext<TContext> request) : IUsageReader
    where TContext : BotDbContext
{
    // One round trip for the three periods: the user's sessions (through the UserId index), their messages (through
    // the SessionId index), summed with conditions instead of queried once per period. No row: nothing stored yet.
    private static readonly Func<TContext, long, DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserUsageRow?>> UsageByPeriod =
        EF.CompileAsyncQuery((TContext db, long userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken) =>
            db.Sessions
                .Where(session => session.UserId == userId)
                .SelectMany(session => session.Messages)
                .GroupBy(message => 1)
                .Select(messages => new UserUsageRow(
                    messages.LongCount(message => message.Role == MessageRole.User && message.CreatedAt >= dayStart),
                    messages.Sum(message => message.CreatedAt >= dayStart ? (long)(message.InputTokens ?? 0) + (message.OutputTokens ?? 0) : 0L),
                    messages.LongCount(message => message.Role == MessageRole.User && message.CreatedAt >= monthStart),
                    messages.Sum(message => message.CreatedAt >= monthStart ? (long)(message.InputTokens ?? 0) + (message.OutputTokens ?? 0) : 0L),
                    messages.LongCount(message => message.Role == MessageRole.User),
                    messages.Sum(message => (long)(message.InputTokens ?? 0) + (message.OutputTokens ?? 0))))
                .FirstOrDefault());

    public async Task<UserUsage> UserUsageAsync(long userId, DateTimeOffset dayStart, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        var row = await UsageByPeriod(request.Context, userId, dayStart, monthStart, cancellationToken);
        return row is null
            ? UserUsage.None
            : new UserUsage(
                new UsageTotals(row.MessagesToday, row.TokensToday),
                new UsageTotals(row.MessagesThisMonth, row.TokensThisMonth),
                new UsageTotals(row.Messages, row.Tokens));
    }

    public async Task<BotStatistics> StatisticsAsync(DateTimeOffset dayStart, CancellationToken cancellationToken)
    {
        // Plain SQL that both providers read alike: an aggregate without GROUP BY always returns its one row, so the
        // user count comes back in the same round trip even before the first message. Messages are read in one scan,
        // today's figures summed with conditions; "active today" reads Sessions only, whose LastActivityAt is the
        // time of its newest message.
        var day = dayStart.UtcDateTime;
        var userRole = (int)MessageRole.User;
        var row = await request.Context.Database.SqlQuery<StatisticsRow>($"""
            SELECT
                (SELECT COUNT(*) FROM Users) AS Users,
                (SELECT COUNT(DISTINCT UserId) FROM Sessions WHERE LastActivityAt >= {day}) AS ActiveToday,
                COUNT(CASE WHEN m.Role = {userRole} AND m.CreatedAt >= {day} THEN 1 END) AS MessagesToday,
                COALESCE(SUM(CASE WHEN m.CreatedAt >= {day} THEN COALESCE(m.InputTokens, 0) + COALESCE(m.OutputTokens, 0) END), 0) AS TokensToday,
                COUNT(CASE WHEN m.Role = {userRole} THEN 1 END) AS Messages,
                COALESCE(SUM(COALESCE(m.InputTokens, 0) + COALESCE(m.OutputTokens, 0)), 0) AS Tokens
            FROM Messages AS m
            """).SingleAsync(cancellationToken);
        return new BotStatistics(
            row.Users,
            row.ActiveToday,
            new UsageTotals(row.MessagesToday, row.TokensToday),
            new UsageTotals(row.Messages, row.Tokens));
    }

    private sealed record UserUsageRow(
        long MessagesToday, long TokensToday, long MessagesThisMonth, long TokensThisMonth, long Messages, long Tokens);

    private sealed record StatisticsRow(
        long Users, long ActiveToday, long MessagesToday, long TokensToday, long Messages, long Tokens);
}
