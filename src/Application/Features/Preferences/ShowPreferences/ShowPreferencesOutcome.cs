using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Preferences.ShowPreferences;

public abstract record ShowPreferencesOutcome(Language Language) : IOutcome<ShowPreferencesOutcome>
{
    public static ShowPreferencesOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="Language">The language the bot speaks to the person now, which is also the one chosen.</param>
    /// <param name="Persona">The persona their questions are answered in now.</param>
    public sealed record Shown(Language Language, Persona Persona) : ShowPreferencesOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : ShowPreferencesOutcome(Language);
}
