namespace CleanBot.Domain.Users;

/// <summary>What the messaging platform tells about a user with each message.</summary>
public sealed record UserProfile(long Id, string? Username, string FirstName, string? LastName, string? LanguageTag)
{
    public Language Language => LanguageCodes.FromTag(LanguageTag);
}
