using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Web;

/// <summary>
/// What the bot serves over HTTP, where ASP.NET Core's <c>Urls</c> setting says: the health endpoint, and in webhook
/// mode the webhook on the path of <see cref="TelegramOptions.WebhookUrl"/>. Polling needs no port, so a polling bot
/// listens only when <c>Urls</c> is set explicitly; by default it opens none.
/// </summary>
internal static class HttpEndpoints
{
    public const string HealthPath = "/health";

    /// <summary>Load balancers give up on a probe after a few seconds; a database that slow counts as away.</summary>
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHttpEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddCheck<BotHealthCheck>("bot", timeout: HealthCheckTimeout);

        // A startup filter maps the endpoints while the host is built, so every host BotHost builds (Program's, the
        // tests') serves them without a second step.
        services.AddSingleton<IStartupFilter, EndpointMapping>();

        if (TelegramOptions.ModeIn(configuration) == TelegramMode.Polling
            && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            services.AddSingleton<IServer, NoListeningServer>();
        }

        return services;
    }

    private sealed class EndpointMapping(IOptions<TelegramOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints =>
            {
                endpoints.MapHealthChecks(HealthPath);
                if (options.Value.Mode == TelegramMode.Webhook)
                {
                    var receiver = endpoints.ServiceProvider.GetRequiredService<WebhookReceiver>();
                    endpoints.MapPost(new Uri(options.Value.WebhookUrl).AbsolutePath, receiver.ReceiveAsync);
                }
            });
            next(app);
        };
    }
}
