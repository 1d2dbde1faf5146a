namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>The repository contract again, with active sessions kept in memory between requests: what a request reads
/// must not depend on where it was read from.</summary>
public sealed class SqliteSessionCacheRepositoryTests(SqliteSoleWriterTestDatabase database)
    : RepositoryTests<SqliteSoleWriterTestDatabase>(database), IClassFixture<SqliteSoleWriterTestDatabase>;
