using CleanBot.Application;
using CleanBot.Presentation.Bot.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanBot.Presentation.Bot.Tests.Configuration;

public sealed class AccessSettingsTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    [Fact]
    public void Without_an_Access_section_everyone_is_allowed_at_20_questions_a_minute_without_a_quota()
    {
        var options = Bind();

        options.AllowedUserIds.Should().BeEmpty();
        options.AdminUserIds.Should().BeEmpty();
        options.MessagesPerMinute.Should().Be(20);
        options.DailyTokenQuota.Should().Be(0);
        options.IsAllowed(12345).Should().BeTrue();
    }

    [Fact]
    public void Ids_are_read_from_a_comma_separated_value_and_from_an_array()
    {
        var options = Bind(
            ("Access:AllowedUserIds", " 111, 222 ,333"),
            ("Access:AdminUserIds:0", "900"),
            ("Access:AdminUserIds:1", "901,902"),
            ("Access:MessagesPerMinute", "0"),
            ("Access:DailyTokenQuota", "50000"));

        options.AllowedUserIds.Should().BeEquivalentTo([111L, 222L, 333L]);
        options.AdminUserIds.Should().BeEquivalentTo([900L, 901L, 902L]);
        options.MessagesPerMinute.Should().Be(0);
        options.DailyTokenQuota.Should().Be(50_000);
        options.IsAllowed(222).Should().BeTrue();
        options.IsAllowed(901).Should().BeTrue("admins are always allowed");
        options.IsAllowed(444).Should().BeFalse();
    }

    [Theory]
    [InlineData("Access:AllowedUserIds", "111,@sara", "Access__AllowedUserIds", "@sara")]
    [InlineData("Access:AdminUserIds", "-5", "Access__AdminUserIds", "-5")]
    [InlineData("Access:MessagesPerMinute", "twenty", "Access__MessagesPerMinute", "twenty")]
    [InlineData("Access:MessagesPerMinute", "100001", "Access__MessagesPerMinute", "100001")]
    [InlineData("Access:DailyTokenQuota", "-1", "Access__DailyTokenQuota", "-1")]
    public void Malformed_access_settings_are_one_line_naming_the_setting_and_the_bad_value(string key, string value, string named, string shown) =>
        StartupSettings.Validate(Settings(("Telegram:BotToken", Token), ("Gemini:ApiKey", "key"), (key, value)))
            .Should().ContainSingle().Which.Should().Contain(named).And.Contain(shown).And.NotContain("\n");

    private static AccessOptions Bind(params (string Key, string Value)[] values)
    {
        var options = new AccessOptions();
        AccessSettings.Bind(Settings(values), options);
        return options;
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();
}
