using CleanBot.Presentation.Bot.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanBot.Presentation.Bot.Tests.Configuration;

public sealed class StartupSettingsTests
{
    private const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    [Fact]
    public void Complete_settings_have_no_problems() =>
        StartupSettings.Validate(Settings(("Telegram:BotToken", Token), ("Gemini:ApiKey", "key"))).Should().BeEmpty();

    [Fact]
    public void A_missing_token_is_one_line_naming_the_setting_and_where_to_set_it()
    {
        var problems = StartupSettings.Validate(Settings(("Gemini:ApiKey", "key")));

        var problem = problems.Should().ContainSingle().Subject;
        problem.Should().Contain("Telegram__BotToken").And.Contain("TELEGRAM_BOT_TOKEN").And.Contain(".env").And.NotContain("\n");
    }

    [Fact]
    public void A_malformed_token_is_reported_without_echoing_it()
    {
        var problems = StartupSettings.Validate(Settings(("Telegram:BotToken", "not-a-token-secret"), ("Gemini:ApiKey", "key")));

        problems.Should().ContainSingle().Which.Should().Contain("malformed").And.NotContain("not-a-token-secret");
    }

    [Fact]
    public void A_missing_key_names_the_gemini_setting() =>
        StartupSettings.Validate(Settings(("Telegram:BotToken", Token))).Should().ContainSingle()
            .Which.Should().Contain("Gemini__ApiKey").And.Contain("GEMINI_API_KEY");

    [Theory]
    [InlineData("Database:Provider", "Postgres", "Database__Provider")]
    [InlineData("Cache:Provider", "Memcached", "Cache__Provider")]
    [InlineData("Telegram:ApiBaseUrl", "api.telegram.org", "Telegram__ApiBaseUrl")]
    [InlineData("Gemini:BaseUrl", "ftp://example", "Gemini__BaseUrl")]
    public void Malformed_optional_settings_are_named(string key, string value, string named) =>
        StartupSettings.Validate(Settings(("Telegram:BotToken", Token), ("Gemini:ApiKey", "key"), (key, value)))
            .Should().ContainSingle().Which.Should().Contain(named);

    [Fact]
    public void MySql_needs_its_connection_string() =>
        StartupSettings.Validate(Settings(("Telegram:BotToken", Token), ("Gemini:ApiKey", "key"), ("Database:Provider", "mysql")))
            .Should().ContainSingle().Which.Should().Contain("ConnectionStrings__MySql");

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();
}
