using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Tests.Configuration;

/// <summary>Telegram__ShutdownTimeout bounds how long the host may take to stop.</summary>
public sealed class ShutdownTimeoutTests
{
    [Theory]
    [InlineData(null, 20)]
    [InlineData("00:00:07", 7)]
    public void The_setting_becomes_the_hosts_shutdown_timeout(string? setting, int expectedSeconds)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
            ["Gemini:ApiKey"] = "key",
        };
        if (setting is not null)
        {
            settings["Telegram:ShutdownTimeout"] = setting;
        }

        var builder = BotHost.CreateBuilder([], configuration => configuration.AddInMemoryCollection(settings));

        using var host = builder.AddBot().Build();

        host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }
}
