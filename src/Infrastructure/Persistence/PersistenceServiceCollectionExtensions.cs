using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence.Inbox;
using CleanBot.Infrastructure.Persistence.MySql;
using CleanBot.Infrastructure.Persistence.Repositories;
using CleanBot.Infrastructure.Persistence.Sessions;
using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database chosen by <c>Database:Provider</c> ("Sqlite", the default, or "MySql") with pooled
    /// contexts, the unit of work and the repositories. Nothing connects to the database here.
    /// </summary>
    /// <param name="soleWriter">
    /// This process is the only one writing conversations (its chat locks are in process), so it may keep active
    /// sessions in memory between turns, within <c>Cache:SessionMegabytes</c>.
    /// </param>
    /// <exception cref="InvalidOperationException">The provider is unknown, MySql lacks its connection string, or the
    /// session cache's bound is not a number of megabytes.</exception>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, bool soleWriter = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = PersistenceSettings.From(configuration);
        var sessionCacheBytes = soleWriter ? SessionCacheSettings.MaxBytes(configuration) : 0;
        services.AddSingleton(_ => new ActiveSessionCache(sessionCacheBytes)); // a factory registration, so the container disposes it

        if (settings.Provider == DatabaseProvider.MySql)
        {
            services.AddDbContextPool<MySqlBotDbContext>(options =>
                // AutoDetect asks the server its version: this runs when the pool makes its first context, not here.
                MySqlDatabase.Configure(options, settings.ConnectionString, ServerVersion.AutoDetect(settings.ConnectionString)));
            AddRepositories<MySqlBotDbContext>(services);
        }
        else
        {
            services.AddDbContextPool<SqliteBotDbContext>(options => SqliteDatabase.Configure(options, settings.ConnectionString));
            services.AddSingleton<SqliteWriterConnection>();
            services.AddSingleton<IStoredSessionWriter, SqliteStoredSessionWriter>();
            services.AddSingleton<IInboxWriter, SqliteInboxWriter>();
            AddRepositories<SqliteBotDbContext>(services);
        }

        return services;
    }

    private static void AddRepositories<TContext>(IServiceCollection services)
        where TContext : BotDbContext
    {
        services.AddScoped<BotDbContext>(provider => provider.GetRequiredService<TContext>());
        services.AddScoped<RequestDbContext<TContext>>();
        services.AddScoped<IUnitOfWork, SessionCachingUnitOfWork<TContext>>();
        services.AddScoped<IUserRepository, UserRepository<TContext>>();
        services.AddScoped<SessionRepository<TContext>>();
        // The scope's own repository, handed out without a second entry in the scope's table of services.
        services.AddTransient<ISessionRepository>(provider => provider.GetRequiredService<SessionRepository<TContext>>());
        services.AddScoped<IUsageReader, UsageReader<TContext>>();
        services.AddScoped<IUpdateInbox, UpdateInbox<TContext>>();
    }
}
