using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.Texts;

public sealed class UsageTextsTests
{
    [Theory]
    [InlineData(0, "۰")]
    [InlineData(7, "۷")]
    [InlineData(1_234, "۱٬۲۳۴")]
    [InlineData(9_876_543_210, "۹٬۸۷۶٬۵۴۳٬۲۱۰")]
    public void Persian_numbers_use_Persian_digits_and_separator(long value, string expected) =>
        PersianTexts.Number(value).Should().Be(expected);

    [Fact]
    public void English_usage_groups_thousands_and_says_one_message_in_the_singular()
    {
        var usage = new UserUsage(new UsageTotals(1, 1), new UsageTotals(12, 34_567), new UsageTotals(1_200, 2_345_678));

        var text = BotTexts.English.Usage(usage);

        text.Should().Contain("Today: 1 message, 1 token\n")
            .And.Contain("This month: 12 messages, 34,567 tokens\n")
            .And.Contain("All time: 1,200 messages, 2,345,678 tokens\n");
    }

    [Fact]
    public void Persian_usage_has_no_Latin_digits()
    {
        var usage = new UserUsage(new UsageTotals(3, 4_500), new UsageTotals(30, 45_000), new UsageTotals(300, 450_000));

        var text = BotTexts.Persian.Usage(usage);

        text.Should().Contain("امروز: ۳ پیام، ۴٬۵۰۰ توکن");
        text.Replace("UTC", string.Empty, StringComparison.Ordinal).Should().NotContainAny("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    [Fact]
    public void Statistics_show_every_figure_in_both_languages()
    {
        var statistics = new BotStatistics(100_000, 2_962, new UsageTotals(3_026, 4_304_094), new UsageTotals(542_681, 774_769_718));

        BotTexts.English.Statistics(statistics).Should().Contain("Users: 100,000, active today: 2,962")
            .And.Contain("Messages: 542,681, today: 3,026")
            .And.Contain("Tokens: 774,769,718, today: 4,304,094");
        BotTexts.Persian.Statistics(statistics).Should().Contain("کاربران: ۱۰۰٬۰۰۰، فعال امروز: ۲٬۹۶۲");
    }
}
