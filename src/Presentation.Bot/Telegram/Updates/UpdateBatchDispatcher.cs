using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Handles a batch of updates: different chats in parallel, each chat's updates one after another in the order
/// Telegram sent them. Each update gets its own DI scope (its own pooled DbContext).
/// </summary>
internal sealed partial class UpdateBatchDispatcher(IServiceScopeFactory scopes, ILogger<UpdateBatchDispatcher> logger)
{
    public Task HandleAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 1)
        {
            return HandleOneAsync(updates[0], cancellationToken);
        }

        var byChat = new Dictionary<long, List<Update>>();
        foreach (var update in updates)
        {
            var key = ChatKey(update);
            if (!byChat.TryGetValue(key, out var queue))
            {
                byChat[key] = queue = [];
            }

            queue.Add(update);
        }

        var chats = new Task[byChat.Count];
        var index = 0;
        foreach (var queue in byChat.Values)
        {
            chats[index++] = HandleInOrderAsync(queue, cancellationToken);
        }

        return Task.WhenAll(chats);
    }

    private async Task HandleInOrderAsync(List<Update> queue, CancellationToken cancellationToken)
    {
        // Yield first so the chats of a batch start together instead of one after another up to their first await.
        await Task.Yield();
        foreach (var update in queue)
        {
            await HandleOneAsync(update, cancellationToken);
        }
    }

    private async Task HandleOneAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UpdateHandler>().HandleAsync(update, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The last line of defence: one bad update must not stop the others or the polling loop.
            LogUnhandled(logger, exception, update.Id);
        }
    }

    /// <summary>The chat an update belongs to; updates without a chat are keyed by their sender.</summary>
    private static long ChatKey(Update update) =>
        update.Message?.Chat.Id
        ?? update.EditedMessage?.Chat.Id
        ?? update.CallbackQuery?.Message?.Chat.Id
        ?? update.CallbackQuery?.From.Id
        ?? update.InlineQuery?.From.Id
        ?? update.MyChatMember?.Chat.Id
        ?? 0;

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} could not be handled")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, int updateId);
}
