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

    [Fact]
    public void Webhook_mode_with_an_https_url_and_a_valid_secret_has_no_problems() =>
        StartupSettings.Validate(Settings(Complete, ("Telegram:Mode", "webhook"), ("Telegram:WebhookUrl", "https://bot.example.com:8443/telegram"),
            ("Telegram:WebhookSecret", "Abc_123-xyz")))
            .Should().BeEmpty();

    [Fact]
    public void Webhook_mode_needs_a_url_and_a_secret_one_line_each()
    {
        var problems = StartupSettings.Validate(Settings(Complete, ("Telegram:Mode", "Webhook")));

        problems.Should().HaveCount(2)
            .And.Contain(line => line.StartsWith("Missing setting Telegram__WebhookUrl: required when Telegram__Mode is Webhook", StringComparison.Ordinal))
            .And.Contain(line => line.StartsWith("Missing setting Telegram__WebhookSecret: required when Telegram__Mode is Webhook", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://bot.example.com/telegram", "https URL")]
    [InlineData("/telegram", "https URL")]
    [InlineData("https://bot.example.com:8080/telegram", "port 8080")]
    [InlineData("https://bot.example.com/health", "health endpoint")]
    public void A_webhook_url_Telegram_cannot_post_to_is_one_line(string url, string reason) =>
        StartupSettings.Validate(Settings(Complete, ("Telegram:Mode", "Webhook"), ("Telegram:WebhookUrl", url), ("Telegram:WebhookSecret", "secret")))
            .Should().ContainSingle().Which.Should().Contain("Telegram__WebhookUrl").And.Contain(reason).And.NotContain("\n");

    [Theory]
    [InlineData("with space")]
    [InlineData("umlaut-ü")]
    [InlineData("trailing-newline\n")]
    [InlineData("too-long-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_malformed_webhook_secret_is_reported_without_echoing_it(string secret) =>
        StartupSettings.Validate(Settings(Complete, ("Telegram:Mode", "Webhook"), ("Telegram:WebhookUrl", "https://bot.example.com/telegram"),
            ("Telegram:WebhookSecret", secret)))
            .Should().ContainSingle().Which.Should().Contain("Telegram__WebhookSecret").And.Contain("malformed").And.NotContain(secret.Trim());

    [Fact]
    public void Polling_mode_ignores_the_webhook_settings() =>
        StartupSettings.Validate(Settings(Complete, ("Telegram:Mode", "Polling"), ("Telegram:WebhookUrl", "http://not-used"), ("Telegram:WebhookSecret", "not used")))
            .Should().BeEmpty();

    [Theory]
    [InlineData("Telegram:Mode", "Push", "Telegram__Mode")]
    [InlineData("Telegram:ShutdownTimeout", "soon", "Telegram__ShutdownTimeout")]
    [InlineData("Telegram:ShutdownTimeout", "00:00:00", "Telegram__ShutdownTimeout")]
    [InlineData("Telegram:ShutdownTimeout", "-00:00:05", "Telegram__ShutdownTimeout")]
    public void Malformed_mode_and_shutdown_settings_are_named(string key, string value, string named) =>
        StartupSettings.Validate(Settings(Complete, (key, value))).Should().ContainSingle().Which.Should().Contain(named);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("many")]
    [InlineData("65537")]
    public void A_number_of_chats_at_once_the_bot_cannot_use_is_named_with_the_range(string value) =>
        StartupSettings.Validate(Settings(Complete, ("Telegram:MaxConcurrentChats", value))).Should().ContainSingle()
            .Which.Should().Contain("Telegram__MaxConcurrentChats").And.Contain($"'{value}'").And.Contain("from 1 to 65536");

    [Theory]
    [InlineData("Bot:Streaming", "Sometimes", "Bot__Streaming")]
    [InlineData("Bot:StreamingInterval", "fast", "Bot__StreamingInterval")]
    [InlineData("Bot:StreamingInterval", "00:00:00", "Bot__StreamingInterval")]
    public void Malformed_streaming_settings_are_named(string key, string value, string named) =>
        StartupSettings.Validate(Settings(Complete, (key, value))).Should().ContainSingle().Which.Should().Contain(named).And.Contain(value);

    [Theory]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData("10000001")]
    [InlineData("ten thousand")]
    public void The_memory_cache_bound_is_a_whole_number_from_100_to_10_million(string value) =>
        StartupSettings.Validate(Settings(Complete, ("Cache:MemoryEntries", value))).Should().ContainSingle()
            .Which.Should().Contain("Cache__MemoryEntries").And.Contain("from 100 to 10000000").And.NotContain("turns it off");

    [Fact]
    public void A_memory_cache_bound_in_range_is_accepted() =>
        StartupSettings.Validate(Settings(Complete, ("Cache:MemoryEntries", "50000"))).Should().BeEmpty();

    [Theory]
    [InlineData("-1")]
    [InlineData("65537")]
    [InlineData("16MB")]
    public void The_session_cache_bound_is_a_whole_number_of_megabytes_up_to_65536(string value) =>
        StartupSettings.Validate(Settings(Complete, ("Cache:SessionMegabytes", value))).Should().ContainSingle()
            .Which.Should().Contain("Cache__SessionMegabytes").And.Contain("from 0 to 65536 (0 turns it off)");

    [Theory]
    [InlineData("0")]
    [InlineData("64")]
    public void A_session_cache_bound_in_range_is_accepted(string value) =>
        StartupSettings.Validate(Settings(Complete, ("Cache:SessionMegabytes", value))).Should().BeEmpty();

    [Theory]
    [InlineData("Auto")]
    [InlineData("on")]
    [InlineData("OFF")]
    public void Streaming_choices_are_accepted_in_any_case(string mode) =>
        StartupSettings.Validate(Settings(Complete, ("Bot:Streaming", mode))).Should().BeEmpty();

    private static (string Key, string Value)[] Complete => [("Telegram:BotToken", Token), ("Gemini:ApiKey", "key")];

    private static IConfiguration Settings((string Key, string Value)[] complete, params (string Key, string Value)[] values) =>
        Settings([.. complete, .. values]);

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();
}
