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

    async Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (ChangeTracker.Entries<User>().Any(entry => entry.State == EntityState.Added))
        {
            // Chats are handled in parallel: a new user's messages in two chats can both register them. The second to
            // commit finds the row stored and refreshes it instead; anything else is rethrown.
            if (!await RegisteredMeanwhileAsync(cancellationToken))
            {
                throw;
            }

            await SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Turns the registration of a user that another request has stored meanwhile into a refresh of that row
    /// (keeping its first sighting).</summary>
    private async Task<bool> RegisteredMeanwhileAsync(CancellationToken cancellationToken)
    {
        var added = ChangeTracker.Entries<User>().Where(entry => entry.State == EntityState.Added).ToList();
        var ids = added.ConvertAll(entry => entry.Entity.Id);
        var stored = await Users.AsNoTracking().Where(user => ids.Contains(user.Id)).Select(user => user.Id).ToListAsync(cancellationToken);
        foreach (var entry in added.Where(entry => stored.Contains(entry.Entity.Id)))
        {
            entry.State = EntityState.Modified;
            entry.Property(user => user.FirstSeenAt).IsModified = false;
        }

        return stored.Count > 0;
    }

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
