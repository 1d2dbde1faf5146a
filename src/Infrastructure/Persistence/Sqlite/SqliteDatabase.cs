using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>How the bot talks to a SQLite file, the same at run time and at design time.</summary>
internal static class SqliteDatabase
{
    public const string DefaultConnectionString = "Data Source=cleanbot.db";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);

    /// <summary>Readers stop blocking the writer and the other way round. The mode is stored in the file itself.</summary>
    public static Task EnableWriteAheadLoggingAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}
