using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanBot.Infrastructure.Persistence.Inbox;

internal sealed class InboxRecordConfiguration : IEntityTypeConfiguration<InboxRecord>
{
    public void Configure(EntityTypeBuilder<InboxRecord> builder)
    {
        builder.ToTable("InboxUpdates");
        builder.HasKey(record => record.UpdateId);
        builder.Property(record => record.UpdateId).ValueGeneratedNever();
        builder.Property(record => record.Payload).IsRequired();

        // Serves "pending updates of this chat, oldest first" and "which chats have pending updates".
        builder.HasIndex(record => new { record.HandledAt, record.ChatKey, record.UpdateId });
    }
}
