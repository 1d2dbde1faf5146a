using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanBot.Infrastructure.Persistence.Configurations;

/// <summary>Stores an instant as a UTC <see cref="DateTime"/>; it reads back with a zero offset.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTimeOffset, DateTime>(
    instant => instant.UtcDateTime,
    stored => new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)));
