using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Presentation.Bot.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>/usage and /stats through the real host: the figures are the sums of what the fake Gemini reported.</summary>
public sealed class UsageTests
{
    private const long UserId = 8101;
    private const long OtherUserId = 8102;
    private const long AdminId = 8199;
    private const long GroupId = -1_001_555_000_111;

    [Fact]
    public async Task Usage_shows_the_users_own_messages_and_exactly_the_tokens_the_model_reported_in_all_their_chats()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(OtherUserId, "Someone else's question, not counted");
        await bot.AskPrivateAsync(UserId, "What is the tallest mountain?");
        await bot.AskPrivateAsync(UserId, "And the deepest lake?");
        await bot.SendAndWaitForReplyAsync(GroupId, bot.Telegram.Updates.GroupText(GroupId, UserId, "/ask a question in a group counts too"));

        var reply = await bot.AskPrivateAsync(UserId, "/usage");

        var reported = bot.Gemini.ReportedUsage;
        reported.Should().HaveCount(4).And.OnlyContain(usage => usage.PromptTokens > 0 && usage.CandidatesTokens > 0);
        var mine = new UsageTotals(Messages: 3, Tokens: reported.Skip(1).Sum(usage => usage.TotalTokens));
        reply.Text.Should().Be(BotTexts.English.Usage(new UserUsage(mine, mine, mine)));
    }

    [Fact]
    public async Task Usage_splits_today_this_month_and_all_time_on_the_utc_calendar()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero));
        await using var bot = await BotUnderTest.CreateAsync();
        await bot.StartAsync(replaceServices: services => services.AddSingleton<TimeProvider>(clock));

        await bot.AskPrivateAsync(UserId, "ماه پیش پرسیدم", languageCode: "fa");
        clock.SetUtcNow(new DateTimeOffset(2026, 2, 27, 23, 59, 0, TimeSpan.Zero));
        await bot.AskPrivateAsync(UserId, "دیروز پرسیدم", languageCode: "fa");
        clock.SetUtcNow(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero));
        await bot.AskPrivateAsync(UserId, "نیمه‌شب، یعنی امروز، پرسیدم", languageCode: "fa");
        var reply = await bot.AskPrivateAsync(UserId, "/usage", languageCode: "fa");

        var tokens = bot.Gemini.ReportedUsage.Select(usage => (long)usage.TotalTokens).ToList();
        tokens.Should().HaveCount(3);
        var expected = new UserUsage(
            Today: new UsageTotals(1, tokens[2]),
            ThisMonth: new UsageTotals(2, tokens[1] + tokens[2]),
            AllTime: new UsageTotals(3, tokens.Sum()));
        reply.Text.Should().Be(BotTexts.Persian.Usage(expected));
        reply.Text.Should().Contain($"امروز: ۱ پیام، {PersianTexts.Number(tokens[2])} توکن");
    }

    [Fact]
    public async Task Usage_before_any_question_shows_zeros()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.AskPrivateAsync(UserId, "/usage");

        reply.Text.Should().Be(BotTexts.English.Usage(UserUsage.None));
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Stats_shows_an_admin_the_figures_over_every_user()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:AdminUserIds"] = $"{AdminId}" });
        await bot.AskPrivateAsync(UserId, "First user's question");
        await bot.AskPrivateAsync(UserId, "First user's second question");
        await bot.AskPrivateAsync(OtherUserId, "Second user's question");
        await bot.AskPrivateAsync(OtherUserId, "/start");

        var reply = await bot.AskPrivateAsync(AdminId, "/stats");

        var tokens = bot.Gemini.ReportedUsage.Sum(usage => (long)usage.TotalTokens);
        var all = new UsageTotals(Messages: 3, Tokens: tokens);
        reply.Text.Should().Be(BotTexts.English.Statistics(new BotStatistics(Users: 2, ActiveToday: 2, Today: all, AllTime: all)));
    }

    [Fact]
    public async Task Stats_from_someone_who_is_not_an_admin_is_politely_refused_in_their_language()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:AdminUserIds"] = $"{AdminId}" });
        await bot.AskPrivateAsync(UserId, "A question, so there is something to count");

        var english = await bot.AskPrivateAsync(UserId, "/stats");
        var persian = await bot.AskPrivateAsync(OtherUserId, "/stats", languageCode: "fa");

        english.Text.Should().Be(BotTexts.English.AdminsOnly);
        persian.Text.Should().Be(BotTexts.Persian.AdminsOnly);
    }

    [Fact]
    public async Task Help_lists_stats_to_admins_only()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:AdminUserIds"] = $"{AdminId}" });
        var statsLine = $"/stats — {BotTexts.English.CommandDescription(Application.Features.Help.BotCommand.Stats)}";

        var forAdmin = await bot.AskPrivateAsync(AdminId, "/help");
        var forUser = await bot.AskPrivateAsync(UserId, "/help");

        forAdmin.Text.Should().Contain(statsLine);
        forUser.Text.Should().NotContain("/stats");
        forUser.Text.Should().Contain("/usage").And.Contain("/ask");
    }
}
