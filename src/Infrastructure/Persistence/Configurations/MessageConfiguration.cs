using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanBot.Infrastructure.Persistence.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");

        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).ValueGeneratedOnAdd();

        builder.Property(message => message.Role).HasConversion<int>();
        builder.Property(message => message.Text).IsRequired();
        builder.Property(message => message.InputTokens);
        builder.Property(message => message.OutputTokens);
        builder.Property(message => message.CreatedAt);

        // "The newest messages of a session" walks this index backwards; it also serves the foreign key.
        builder.HasIndex(message => new { message.SessionId, message.Id });
    }
}
