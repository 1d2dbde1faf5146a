using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
    private SqliteWriteQueue? _writes;

    /// <summary>The file's write queue. Pooled contexts keep their options, so it is looked up once per context instance.</summary>
    internal SqliteWriteQueue Writes => _writes ??= SqliteWriteQueue.For(Database.GetConnectionString() ?? string.Empty);

    /// <summary>
    /// Finds the changes before the write's turn and only writes them in it: the file's writes run one at a time, so
    /// whatever is done in the turn, every other writer waits for.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detectChanges = ChangeTracker.AutoDetectChangesEnabled;
        if (detectChanges)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await Writes.RunAsync(token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    internal override Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        Writes.RunAsync(write, cancellationToken);

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
