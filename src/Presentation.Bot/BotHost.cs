using CleanBot.Application;
using CleanBot.Infrastructure;
using CleanBot.Presentation.Bot.Configuration;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot;

/// <summary>The composition root, in two steps so settings are checked before any service is built or connects.</summary>
internal static class BotHost
{
    /// <summary>Reads configuration: appsettings.json, then <c>.env</c> and environment variables, then the command line.
    /// <paramref name="configure"/> adds sources on top (tests use it).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        DotEnvFile.LoadFromWorkingDirectory();
        // A web host, for the webhook and the health endpoint; a polling bot without Urls still opens no port.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
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
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
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
        builder.Services.Configure<InlineAnswerOptions>(builder.Configuration.GetSection(InlineAnswerOptions.SectionName));
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddHostedService<DatabaseMigrationService>()
            .AddTelegramBot(builder.Configuration)
            .AddHttpEndpoints(builder.Configuration);

        // Stopping is bounded: what has not finished by then stays pending in the inbox and is resumed on the next start.
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<TelegramOptions>>((host, telegram) => host.ShutdownTimeout = telegram.Value.ShutdownTimeout);
        return builder;
    }
}
