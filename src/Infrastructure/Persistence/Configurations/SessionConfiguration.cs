using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanBot.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");

        builder.HasKey(session => session.Id);
        builder.Property(session => session.Id).ValueGeneratedOnAdd();

        builder.Property(session => session.ChatId);
        builder.Property(session => session.StartedAt);
        builder.Property(session => session.LastActivityAt);
        builder.Property(session => session.EndedAt);
        builder.Ignore(session => session.IsActive);

        builder.HasOne<User>()
            .WithMany()
            .HasForeignKey(session => session.UserId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasMany(session => session.Messages)
            .WithOne()
            .HasForeignKey(message => message.SessionId)
            .OnDelete(DeleteBehavior.Cascade);

        // The aggregate adds messages through its own methods: EF writes the list, never the read-only view.
        builder.Navigation(session => session.Messages)
            .HasField("_messages")
            .UsePropertyAccessMode(PropertyAccessMode.Field);

        // Serves "the active session of this user in this chat" (EndedAt IS NULL) on every provider.
        builder.HasIndex(session => new { session.ChatId, session.UserId, session.EndedAt });
    }
}
