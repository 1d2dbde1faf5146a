namespace CleanBot.Presentation.Bot.Configuration;

/// <summary>Loads <c>.env</c> from the working directory into the process environment. Variables already set in the
/// environment win, so a deployment can override the file without editing it.</summary>
internal static class DotEnvFile
{
    public const string FileName = ".env";

    public static void LoadFromWorkingDirectory()
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), FileName);
        if (File.Exists(path))
        {
            DotNetEnv.Env.NoClobber().Load(path);
        }
    }
}
