using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanBot.Infrastructure.Persistence.MySql;

/// <summary>Builds the context for <c>dotnet ef</c>, whichever project is the startup project.</summary>
internal sealed class MySqlBotDbContextFactory : IDesignTimeDbContextFactory<MySqlBotDbContext>
{
    private const string DefaultConnectionString = "Server=localhost;Database=cleanbot;User=cleanbot;";

    public MySqlBotDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__MySql") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;
        var options = new DbContextOptionsBuilder<MySqlBotDbContext>();
        MySqlDatabase.Configure(options, connectionString, MySqlDatabase.DesignTimeServerVersion);
        return new MySqlBotDbContext(options.Options);
    }
}
