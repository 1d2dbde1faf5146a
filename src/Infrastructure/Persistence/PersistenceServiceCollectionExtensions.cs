using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence.Inbox;
using CleanBot.Infrastructure.Persistence.MySql;
using CleanBot.Infrastructure.Persistence.Repositories;
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
    /// <exception cref="InvalidOperationException">The provider is unknown, or MySql lacks its connection string.</exception>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = PersistenceSettings.From(configuration);

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
            AddRepositories<SqliteBotDbContext>(services);
        }

        return services;
    }

    private static void AddRepositories<TContext>(IServiceCollection services)
        where TContext : BotDbContext
    {
        services.AddScoped<BotDbContext>(provider => provider.GetRequiredService<TContext>());
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<TContext>());
        services.AddScoped<IUserRepository, UserRepository<TContext>>();
        services.AddScoped<ISessionRepository, SessionRepository<TContext>>();
        services.AddScoped<IUsageReader, UsageReader<TContext>>();
        services.AddScoped<IUpdateInbox, UpdateInbox<TContext>>();
    }
}
