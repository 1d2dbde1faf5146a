namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>A SQLite file reached as a single bot instance reaches it: active sessions are kept in memory between
/// requests.</summary>
public sealed class SqliteSoleWriterTestDatabase : SqliteTestDatabase
{
    protected override bool SoleWriter => true;
}
