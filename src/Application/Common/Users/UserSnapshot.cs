using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>The cached copy of a stored user: enough to answer without reading the database.</summary>
/// <param name="ReportedLanguage">What Telegram reported last; compared with each new message's report.</param>
/// <param name="ChosenLanguage">The user's own choice (<c>/lang</c>), which wins over the reported one.</param>
public sealed record UserSnapshot(
    long Id,
    string? Username,
    string FirstName,
    string? LastName,
    Language ReportedLanguage,
    Language? ChosenLanguage,
    Persona Persona,
    DateTimeOffset LastSeenAt)
{
    public Language Language => ChosenLanguage ?? ReportedLanguage;

    public static UserSnapshot Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Username, user.FirstName, user.LastName, user.ReportedLanguage, user.ChosenLanguage, user.Persona, user.LastSeenAt);
    }

    /// <summary>Whether Telegram still reports what the stored record holds. The reported language is compared, not
    /// the effective one: a user who chose Persian on an English client matches while their client stays English.</summary>
    public bool Matches(UserProfile profile) =>
        profile.Id == Id
        && profile.Username == Username
        && profile.FirstName == FirstName
        && profile.LastName == LastName
        && profile.Language == ReportedLanguage;
}
