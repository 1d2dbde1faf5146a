using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>Builds the context for <c>dotnet ef</c>, whichever project is the startup project.</summary>
internal sealed class SqliteBotDbContextFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Sqlite") is { Length: > 0 } configured
            ? configured
            : SqliteDatabase.DefaultConnectionString;
        var options = new DbContextOptionsBuilder<SqliteBotDbContext>();
        SqliteDatabase.Configure(options, connectionString);
        return new SqliteBotDbContext(options.Options);
    }
}
