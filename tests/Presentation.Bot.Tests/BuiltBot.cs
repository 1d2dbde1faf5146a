namespace CleanBot.Presentation.Bot.Tests;

/// <summary>The bot executable for tests that run it as a process of its own.</summary>
internal static class BuiltBot
{
    /// <summary>The bot as built in its own project: its runtime configuration and dependencies sit next to it there,
    /// unlike the copy in this test project's output.</summary>
    public static string DllPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "CleanBot.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root (CleanBot.sln) was not found above the test output.");
        }

        var bot = Path.Combine(root.FullName, "src", "Presentation.Bot", "bin", configuration, framework, Path.GetFileName(typeof(BotHost).Assembly.Location));
        File.Exists(bot).Should().BeTrue($"the bot is built before its tests run ({bot})");
        return bot;
    }
}
