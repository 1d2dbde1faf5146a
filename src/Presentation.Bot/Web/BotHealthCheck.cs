using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CleanBot.Presentation.Bot.Web;

/// <summary>
/// Healthy when the bot can do its work: it knows who it is (getMe has answered) and its database answers. Unhealthy
/// while it stops, so a load balancer sends nothing more its way.
/// </summary>
internal sealed class BotHealthCheck(BotIdentity identity, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The bot is stopping.");
        }

        if (!identity.Known.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("The bot has not reached the Bot API yet (getMe).");
        }

        try
        {
            // A one-row read of the inbox, which every update passes through: cheap, and it needs the real schema.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IUpdateInbox>().ChatsWithPendingAsync(1, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
