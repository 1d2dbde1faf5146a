using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.MySql;

/// <summary>How the bot talks to MySQL or MariaDB, the same at run time and at design time.</summary>
internal static class MySqlDatabase
{
    /// <summary>The server version <c>dotnet ef</c> generates for, so that adding a migration needs no server.</summary>
    public static readonly ServerVersion DesignTimeServerVersion = new MariaDbServerVersion(new Version(10, 11));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString, ServerVersion serverVersion) =>
        // Retries ride out a server restart or failover; MySqlConnector pools the connections underneath.
        options.UseMySql(connectionString, serverVersion, mySql => mySql.EnableRetryOnFailure(
            maxRetryCount: 5,
            maxRetryDelay: TimeSpan.FromSeconds(10),
            errorNumbersToAdd: null));
}
