using CleanBot.Presentation.Bot;
using CleanBot.Presentation.Bot.Configuration;

var builder = BotHost.CreateBuilder(args);
var problems = StartupSettings.Validate(builder.Configuration);
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    return 2;
}

await using var host = builder.AddBot().Build();
await host.RunAsync();
return 0;
