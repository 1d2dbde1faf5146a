using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Preferences.ChooseLanguage;

public abstract record ChooseLanguageOutcome(Language Language) : IOutcome<ChooseLanguageOutcome>
{
    public static ChooseLanguageOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="Language">The language now chosen, so the confirmation is already in it.</param>
    public sealed record Chosen(Language Language) : ChooseLanguageOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : ChooseLanguageOutcome(Language);
}
