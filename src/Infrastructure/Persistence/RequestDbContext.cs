using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.Persistence;

/// <summary>
/// The request's context, taken from its scope (EF's pool) the first time the request needs it. A conversation turn
/// served from the caches and stored by the turn writer needs none, and renting a context for it and resetting it for
/// the next request was about 1.6 % of the bot's CPU under load (docs/performance-history.md). It is the scope's own
/// context, so the scope hands it back to the pool, and everyone in the request who asks for it gets the same one.
/// </summary>
internal sealed class RequestDbContext<TContext>(IServiceProvider scope)
    where TContext : BotDbContext
{
    private TContext? _context;

    public TContext Context => _context ??= scope.GetRequiredService<TContext>();

    /// <summary>The context if the request has taken it; null when nothing in the request has needed one.</summary>
    public TContext? IfTaken => _context;
}
