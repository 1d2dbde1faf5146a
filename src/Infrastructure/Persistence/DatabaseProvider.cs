namespace CleanBot.Infrastructure.Persistence;

/// <summary>The database engines the bot can keep its data in, chosen by the <c>Database:Provider</c> setting.</summary>
internal enum DatabaseProvider
{
    Sqlite,
    MySql,
}
