using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
    private SemaphoreSlim? _writeGate;

    // Pooled contexts keep their options, so the file and its gate are looked up once per context instance.
    private SemaphoreSlim WriteGate => _writeGate ??= SqliteWriteGate.For(Database.GetConnectionString() ?? string.Empty);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SqliteWriteGate.RunAsync(WriteGate, token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);

    internal override Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        SqliteWriteGate.RunAsync(WriteGate, write, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SQLite has partial indexes (MySQL has not): the database itself allows one active session per user and chat.
        modelBuilder.Entity<Session>()
            .HasIndex(session => new { session.ChatId, session.UserId }, "IX_Sessions_ChatId_UserId_Active")
            .IsUnique()
            .HasFilter("\"EndedAt\" IS NULL");
    }
}
