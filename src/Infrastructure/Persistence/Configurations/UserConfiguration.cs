using CleanBot.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanBot.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const int NameMaxLength = 256;

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");

        // The key is the Telegram user id, never one the database makes up.
        builder.HasKey(user => user.Id);
        builder.Property(user => user.Id).ValueGeneratedNever();

        builder.Property(user => user.Username).HasMaxLength(NameMaxLength);
        builder.Property(user => user.FirstName).HasMaxLength(NameMaxLength).IsRequired();
        builder.Property(user => user.LastName).HasMaxLength(NameMaxLength);

        // The language tag ("en", "fa") rather than the enum's number: readable in the table, stable if the enum grows.
        builder.Property(user => user.Language)
            .HasConversion(language => language.ToTag(), tag => LanguageCodes.FromTag(tag))
            .HasMaxLength(8);

        builder.Property(user => user.FirstSeenAt);
        builder.Property(user => user.LastSeenAt);
        builder.Property(user => user.BlockedBotAt);
        builder.Ignore(user => user.HasBlockedBot);
    }
}
