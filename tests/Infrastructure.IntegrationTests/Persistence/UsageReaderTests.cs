using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>The usage figures, run against every database provider by one subclass each. /stats counts every row
/// of a database shared by the tests of a class, so its test compares figures before and after its own rows.</summary>
public abstract class UsageReaderTests<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DayStart = new(2026, 3, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MonthStart = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task User_usage_adds_up_per_period_in_every_chat_of_the_user_and_nobody_elses()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(Now.AddMonths(-2));
        var other = await RegisterAsync(Now.AddMonths(-2));

        await using (var request = database.BeginRequest())
        {
            // Last month, ended by /new: all time only. The last instant before the month counts for the month before.
            var old = Session.Start(user.Id, user.Id, MonthStart.AddDays(-3));
            old.AddUserMessage("q1", MonthStart.AddDays(-3));
            old.AddModelMessage("a1", new TokenUsage(100, 10), MonthStart.AddDays(-3));
            old.AddUserMessage("q2", MonthStart.AddTicks(-10));
            old.AddModelMessage("a2", new TokenUsage(200, 20), MonthStart.AddTicks(-10));
            old.End(MonthStart.AddDays(-1));

            // This month, before today; then today, from midnight on, in the same private session.
            var current = Session.Start(user.Id, user.Id, MonthStart);
            current.AddUserMessage("q3", MonthStart);
            current.AddModelMessage("a3", new TokenUsage(3_000, 300), MonthStart);
            current.AddUserMessage("q4", DayStart.AddTicks(-10));
            current.AddModelMessage("a4", new TokenUsage(40_000, 4_000), DayStart.AddTicks(-10));
            current.AddUserMessage("q5", DayStart);
            current.AddModelMessage("a5", new TokenUsage(500_000, 50_000), DayStart);
            current.AddUserMessage("q6, the model failed: no answer", Now);

            // A group the user asks in: a session of their own there, today.
            var group = Session.Start(user.Id, NewGroupId(), Now);
            group.AddUserMessage("q7", Now);
            group.AddModelMessage("a7, no usage reported", usage: null, Now);
            group.AddUserMessage("q8", Now);
            group.AddModelMessage("a8", new TokenUsage(int.MaxValue, 1), Now);

            // Someone else in the same group and in private, today.
            var someoneElse = Session.Start(other.Id, group.ChatId, Now);
            someoneElse.AddUserMessage("theirs", Now);
            someoneElse.AddModelMessage("theirs", new TokenUsage(9_000_000, 9_000_000), Now);

            request.Sessions.Add(old);
            request.Sessions.Add(current);
            request.Sessions.Add(group);
            request.Sessions.Add(someoneElse);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var usage = await reader.Usage.UserUsageAsync(user.Id, DayStart, MonthStart, Cancellation);

        const long Today = 550_000 + (long)int.MaxValue + 1;
        usage.Should().Be(new UserUsage(
            Today: new UsageTotals(4, Today),
            ThisMonth: new UsageTotals(6, Today + 3_300 + 44_000),
            AllTime: new UsageTotals(8, Today + 3_300 + 44_000 + 110 + 220)));
    }

    [Fact]
    public async Task User_usage_of_someone_without_messages_is_zero()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(Now);

        await using var reader = database.BeginRequest();

        (await reader.Usage.UserUsageAsync(user.Id, DayStart, MonthStart, Cancellation)).Should().Be(UserUsage.None);
        (await reader.Usage.UserUsageAsync(NewId(), DayStart, MonthStart, Cancellation)).Should().Be(UserUsage.None);
    }

    [Fact]
    public async Task Statistics_count_users_active_today_messages_and_tokens_over_everyone()
    {
        database.SkipUnlessAvailable();
        BotStatistics before;
        await using (var reader = database.BeginRequest())
        {
            before = await reader.Usage.StatisticsAsync(DayStart, Cancellation);
        }

        var yesterdayOnly = await RegisterAsync(Now.AddDays(-1));
        var todayInTwoChats = await RegisterAsync(Now.AddDays(-1));
        await RegisterAsync(Now); // registered by /start, never asked anything
        await using (var request = database.BeginRequest())
        {
            var yesterday = Session.Start(yesterdayOnly.Id, yesterdayOnly.Id, DayStart.AddDays(-1));
            yesterday.AddUserMessage("q", DayStart.AddTicks(-10));
            yesterday.AddModelMessage("a", new TokenUsage(1_000, 100), DayStart.AddTicks(-10));

            var spanning = Session.Start(todayInTwoChats.Id, todayInTwoChats.Id, DayStart.AddDays(-1));
            spanning.AddUserMessage("q", DayStart.AddHours(-1));
            spanning.AddModelMessage("a", new TokenUsage(20, 2), DayStart.AddHours(-1));
            spanning.AddUserMessage("q", DayStart);
            spanning.AddModelMessage("a", new TokenUsage(300, 30), DayStart);

            var group = Session.Start(todayInTwoChats.Id, NewGroupId(), Now);
            group.AddUserMessage("q", Now);
            group.AddModelMessage("a", new TokenUsage(4_000, 400), Now);

            request.Sessions.Add(yesterday);
            request.Sessions.Add(spanning);
            request.Sessions.Add(group);
            await request.SaveAsync();
        }

        await using var after = database.BeginRequest();
        var statistics = await after.Usage.StatisticsAsync(DayStart, Cancellation);

        statistics.Users.Should().Be(before.Users + 3);
        statistics.ActiveToday.Should().Be(before.ActiveToday + 1, "only one of them has a turn since midnight");
        statistics.Today.Should().Be(new UsageTotals(before.Today.Messages + 2, before.Today.Tokens + 330 + 4_400));
        statistics.AllTime.Should().Be(new UsageTotals(before.AllTime.Messages + 4, before.AllTime.Tokens + 1_100 + 22 + 330 + 4_400));
    }

    private static long NewId() => Random.Shared.NextInt64(1, long.MaxValue);

    private static long NewGroupId() => -Random.Shared.NextInt64(1_000_000_000_000, 2_000_000_000_000);

    private async Task<User> RegisterAsync(DateTimeOffset now)
    {
        await using var request = database.BeginRequest();
        var user = User.Register(new UserProfile(NewId(), null, "Test", null, "en"), now);
        request.Users.Add(user);
        await request.SaveAsync();
        return user;
    }
}
