using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence;
using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>What one request of the bot gets: its own context, repositories and unit of work.</summary>
public sealed class RequestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public IUserRepository Users => scope.ServiceProvider.GetRequiredService<IUserRepository>();

    public ISessionRepository Sessions => scope.ServiceProvider.GetRequiredService<ISessionRepository>();

    public IUsageReader Usage => scope.ServiceProvider.GetRequiredService<IUsageReader>();

    public IUpdateInbox Inbox => scope.ServiceProvider.GetRequiredService<IUpdateInbox>();

    public BotDbContext DbContext => scope.ServiceProvider.GetRequiredService<BotDbContext>();

    /// <summary>Whether anything in the request has taken its context from the pool (SQLite's only).</summary>
    public bool HasTakenContext => scope.ServiceProvider.GetRequiredService<RequestDbContext<SqliteBotDbContext>>().IfTaken is not null;

    public Task SaveAsync() => SaveAsync(TestContext.Current.CancellationToken);

    public Task SaveAsync(CancellationToken cancellationToken) =>
        scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(cancellationToken);

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
