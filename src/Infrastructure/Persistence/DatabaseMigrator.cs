using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.Persistence;

public static class DatabaseMigrator
{
    /// <summary>
    /// Brings the configured database up to the latest migration (creating it when missing); a SQLite file is also
    /// switched to write-ahead logging, which the file then keeps.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<BotDbContext>();

        await dbContext.Database.MigrateAsync(cancellationToken);
        if (dbContext.Database.IsSqlite())
        {
            await SqliteDatabase.EnableWriteAheadLoggingAsync(dbContext.Database, cancellationToken);
        }
    }
}
