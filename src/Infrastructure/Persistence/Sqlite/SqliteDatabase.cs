using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>How the bot talks to a SQLite file, the same at run time and at design time.</summary>
internal static class SqliteDatabase
{
    public const string DefaultConnectionString = "Data Source=cleanbot.db";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);

    /// <summary>
    /// A connection to the context's file outside EF's pool, with the pragmas EF's connections get, for the bot's own
    /// prepared statements (<see cref="SqliteWriterConnection"/>): they live as long as their connection.
    /// </summary>
    public static SqliteConnection OpenConnection(BotDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = new SqliteConnection(context.Database.GetConnectionString());
        try
        {
            connection.Open();
            SqlitePragmaInterceptor.Apply(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Readers stop blocking the writer and the other way round. The mode is stored in the file itself.</summary>
    public static Task EnableWriteAheadLoggingAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}
