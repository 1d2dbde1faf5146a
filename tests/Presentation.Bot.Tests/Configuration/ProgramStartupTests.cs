using System.Diagnostics;

namespace CleanBot.Presentation.Bot.Tests.Configuration;

/// <summary>Starts the real bot executable, as an operator would, to see what a bad configuration looks like.</summary>
public sealed class ProgramStartupTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("cleanbot-start-").FullName;

    [Fact]
    public async Task Without_settings_the_bot_exits_with_one_line_per_missing_setting_and_connects_nowhere()
    {
        var (exitCode, output, error) = await RunBotAsync(new Dictionary<string, string>());

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Trim().Split('\n').Should().HaveCount(2)
            .And.Contain(line => line.Contains("Telegram__BotToken", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("Gemini__ApiKey", StringComparison.Ordinal));
        File.Exists(Path.Combine(_workingDirectory, "cleanbot.db")).Should().BeFalse();
    }

    [Fact]
    public async Task Settings_are_read_from_dotenv_and_the_short_aliases()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_workingDirectory, ".env"),
            "TELEGRAM_BOT_TOKEN=not-a-token\nGEMINI_API_KEY=secret-key\n",
            TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunBotAsync(new Dictionary<string, string>());

        exitCode.Should().Be(2);
        error.Trim().Should().StartWith("Telegram__BotToken is malformed").And.NotContain("not-a-token").And.NotContain("Gemini");
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private async Task<(int ExitCode, string Output, string Error)> RunBotAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltBot.DllPath()])
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(IsBotSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static bool IsBotSetting(string name) =>
        name.StartsWith("Telegram__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Gemini__", StringComparison.OrdinalIgnoreCase)
        || name is "TELEGRAM_BOT_TOKEN" or "GEMINI_API_KEY" or "GOOGLE_API_KEY";
}
