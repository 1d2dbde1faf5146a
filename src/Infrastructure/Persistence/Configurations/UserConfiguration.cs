using CleanBot.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        // The reported language keeps the column it has always had; the effective Language is computed.
        var languageTag = new ValueConverter<Language, string>(language => language.ToTag(), tag => LanguageCodes.FromTag(tag));
        builder.Property(user => user.ReportedLanguage)
            .HasColumnName("Language")
            .HasConversion(languageTag)
            .HasMaxLength(8);
        builder.Property(user => user.ChosenLanguage)
            .HasConversion(languageTag)
            .HasMaxLength(8);
        builder.Ignore(user => user.Language);

        // The persona's stable tag, like the language; a tag this version does not know reads as the assistant.
        builder.Property(user => user.Persona)
            .HasConversion(persona => persona.ToTag(), tag => PersonaTags.FromStoredTag(tag))
            .HasMaxLength(PersonaTags.MaxLength)
            .IsRequired();

        builder.Property(user => user.FirstSeenAt);
        builder.Property(user => user.LastSeenAt);
        builder.Property(user => user.BlockedBotAt);
        builder.Ignore(user => user.HasBlockedBot);
    }
}
