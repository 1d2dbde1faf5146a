using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>The cached copy of a stored user: enough to answer without reading the database.</summary>
public sealed record UserSnapshot(
    long Id,
    string? Username,
    string FirstName,
    string? LastName,
    Language Language,
    DateTimeOffset LastSeenAt)
{
    public static UserSnapshot Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Username, user.FirstName, user.LastName, user.Language, user.LastSeenAt);
    }

    public bool Matches(UserProfile profile) =>
        profile.Id == Id
        && profile.Username == Username
        && profile.FirstName == FirstName
        && profile.LastName == LastName
        && profile.Language == Language;
}
