using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence.MySql;

public sealed class MySqlBotDbContext(DbContextOptions<MySqlBotDbContext> options) : BotDbContext(options)
{
    // Full Unicode (Persian, emoji) with a collation that both MySQL 8 and MariaDB 10.11 have.
    private const string CharSet = "utf8mb4";

    private const string Collation = "utf8mb4_unicode_ci";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.HasCharSet(CharSet).UseCollation(Collation);
        modelBuilder.Entity<Message>().Property(message => message.Text).HasColumnType("longtext");
    }
}
