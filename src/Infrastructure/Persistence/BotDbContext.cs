using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using CleanBot.Infrastructure.Persistence.Configurations;
using CleanBot.Infrastructure.Persistence.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.Persistence;

/// <summary>
/// The bot's tables, shared by every database provider. Each provider has its own subclass so that it keeps its own
/// migrations and model snapshot.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options), IUnitOfWork
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<Message> Messages => Set<Message>();

    Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken) => SaveChangesAsync(cancellationToken);

    /// <summary>Runs a write that bypasses SaveChanges (ExecuteUpdate, ExecuteDelete) the way this database wants
    /// writes run; SaveChanges does the same on its own.</summary>
    internal virtual Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write(cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite can neither compare nor order DateTimeOffset columns; a UTC DateTime works the same on every provider.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UserConfiguration());
        modelBuilder.ApplyConfiguration(new SessionConfiguration());
        modelBuilder.ApplyConfiguration(new MessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxRecordConfiguration());
    }
}
