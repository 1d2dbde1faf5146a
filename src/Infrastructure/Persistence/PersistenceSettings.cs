using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CleanBot.Infrastructure.Persistence;

/// <summary>Which database to use and how to reach it, read from configuration.</summary>
internal sealed record PersistenceSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";

    public static PersistenceSettings From(IConfiguration configuration)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = provider switch
        {
            DatabaseProvider.MySql => RequiredConnectionString(configuration, "MySql"),
            _ => configuration.GetConnectionString("Sqlite") is { Length: > 0 } sqlite ? sqlite : SqliteDatabase.DefaultConnectionString,
        };
        return new PersistenceSettings(provider, connectionString);
    }

    private static DatabaseProvider ParseProvider(string? value) =>
        value switch
        {
            _ when string.IsNullOrWhiteSpace(value) => DatabaseProvider.Sqlite,
            _ when value.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            _ when value.Equals(nameof(DatabaseProvider.MySql), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.MySql,
            _ => throw new InvalidOperationException(
                $"Unknown database provider '{value}' in setting Database__Provider: use Sqlite or MySql."),
        };

    private static string RequiredConnectionString(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Setting ConnectionStrings__{name} is required when Database__Provider is {name}.")
            : connectionString;
    }
}
