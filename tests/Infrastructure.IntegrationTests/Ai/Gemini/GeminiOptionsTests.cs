using CleanBot.Infrastructure.Ai.Gemini;
using Microsoft.Extensions.Options;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class GeminiOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new GeminiOptions();

        options.Model.Should().Be("gemini-2.5-flash");
        options.BaseUrl.Should().Be(new Uri("https://generativelanguage.googleapis.com"));
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(60));
        options.MaxRetryAttempts.Should().Be(3);
        options.Temperature.Should().BeNull();
        options.MaxOutputTokens.Should().BeNull();
    }

    [Fact]
    public void The_key_is_not_part_of_the_options_text()
    {
        var options = new GeminiOptions { ApiKey = GeminiHarness.ApiKey };

        options.ToString().Should().NotContain(GeminiHarness.ApiKey);
    }

    [Fact]
    public async Task A_missing_api_key_is_refused()
    {
        await using var gemini = await GeminiHarness.StartAsync(new Dictionary<string, string?> { ["ApiKey"] = "" });

        var resolving = () => gemini.ChatModel;

        resolving.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(nameof(GeminiOptions.ApiKey));
    }
}
