using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Start;

public abstract record StartOutcome(Language Language) : IOutcome<StartOutcome>
{
    public static StartOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="IsNewUser">True on the very first /start, so the welcome can differ from a "welcome back".</param>
    public sealed record Welcomed(Language Language, string FirstName, bool IsNewUser) : StartOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : StartOutcome(Language);
}
