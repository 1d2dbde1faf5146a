using CleanBot.Application.Abstractions.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>Deletes handled updates older than <see cref="TelegramOptions.InboxRetention"/>, once an hour.</summary>
internal sealed partial class InboxPruningService(
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<InboxPruningService> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pruned = await scope.ServiceProvider.GetRequiredService<IUpdateInbox>()
                    .PruneHandledAsync(time.GetUtcNow() - options.Value.InboxRetention, stoppingToken);
                LogPruned(logger, pruned);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} handled updates from the inbox")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune the inbox ({Reason}); trying again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}
