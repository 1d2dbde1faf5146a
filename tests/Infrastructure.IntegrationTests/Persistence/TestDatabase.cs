using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using CleanBot.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>A real, migrated database of its own, reached through <c>AddPersistence</c> as the bot reaches it.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>False when the server this database needs was not given: its tests then report themselves skipped.</summary>
    public virtual bool IsAvailable => true;

    protected virtual string SkipReason => string.Empty;

    /// <summary>Whether this process may keep sessions in memory between requests, as a bot with chat locks in process
    /// does.</summary>
    protected virtual bool SoleWriter => false;

    /// <summary>What the database's services logged, at every level.</summary>
    internal CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The database was not initialized.");

    public void SkipUnlessAvailable() => Assert.SkipUnless(IsAvailable, SkipReason);

    public RequestScope BeginRequest() => new(Services.CreateAsyncScope());

    /// <summary>
    /// Stores a new user with a conversation in a new chat: <paramref name="turns"/> turns of "question n" at
    /// <paramref name="start"/> plus n minutes and "answer n" a second later.
    /// </summary>
    public async Task<(long ChatId, long UserId)> StartConversationAsync(int turns, DateTimeOffset start)
    {
        var user = User.Register(new UserProfile(Random.Shared.NextInt64(1, long.MaxValue), null, "Test", null, "en"), start);
        var chatId = Random.Shared.NextInt64(1, long.MaxValue);
        await using var request = BeginRequest();
        request.Users.Add(user);
        var session = Session.Start(user.Id, chatId, start);
        for (var turn = 1; turn <= turns; turn++)
        {
            session.AddUserMessage($"question {turn}", start.AddMinutes(turn));
            session.AddModelMessage($"answer {turn}", usage: null, start.AddMinutes(turn).AddSeconds(1));
        }

        request.Sessions.Add(session);
        await request.SaveAsync();
        return (chatId, user.Id);
    }

    public async ValueTask InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddPersistence(configuration, SoleWriter)
            .BuildServiceProvider(validateScopes: true);
        await DatabaseMigrator.MigrateAsync(_services, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await DropAsync();
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract IEnumerable<KeyValuePair<string, string?>> Settings();

    /// <summary>Removes the database; called before the services are disposed.</summary>
    protected abstract Task DropAsync();
}
