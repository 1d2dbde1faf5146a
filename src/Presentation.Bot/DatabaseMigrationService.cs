using CleanBot.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanBot.Presentation.Bot;

/// <summary>
/// Applies pending migrations before the bot takes its first update (hosted services start in registration order).
/// Operators who migrate from the command line turn it off with <c>Database__MigrateOnStartup=false</c>.
/// </summary>
internal sealed partial class DatabaseMigrationService(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseMigrationService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStartup", defaultValue: true))
        {
            return;
        }

        await DatabaseMigrator.MigrateAsync(services, cancellationToken);
        LogMigrated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date")]
    private static partial void LogMigrated(ILogger logger);
}
