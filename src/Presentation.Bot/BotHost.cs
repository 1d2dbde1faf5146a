using CleanBot.Application;
using CleanBot.Infrastructure;
using CleanBot.Presentation.Bot.Configuration;
using CleanBot.Presentation.Bot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanBot.Presentation.Bot;

/// <summary>The composition root, in two steps so settings are checked before any service is built or connects.</summary>
internal static class BotHost
{
    /// <summary>Reads configuration: appsettings.json, then <c>.env</c> and environment variables, then the command line.
    /// <paramref name="configure"/> adds sources on top (tests use it).</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        DotEnvFile.LoadFromWorkingDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            // appsettings.json ships next to the binary; .env and the SQLite file stay in the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        SettingAliases.AddTo(builder.Configuration);
        configure?.Invoke(builder.Configuration);
        return builder;
    }

    /// <summary>Registers every layer. Call only once <see cref="StartupSettings.Validate"/> found no problem.</summary>
    public static HostApplicationBuilder AddBot(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            options.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConversationOptions>(builder.Configuration.GetSection(ConversationOptions.SectionName));
        builder.Services.Configure<AccessOptions>(options => AccessSettings.Bind(builder.Configuration, options));
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddHostedService<DatabaseMigrationService>()
            .AddTelegramBot(builder.Configuration);
        return builder;
    }
}
