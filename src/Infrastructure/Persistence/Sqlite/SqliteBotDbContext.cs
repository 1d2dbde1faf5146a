using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
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
