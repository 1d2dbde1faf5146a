using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.NotText;

public abstract record NotTextOutcome(Language Language) : IOutcome<NotTextOutcome>
{
    public static NotTextOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <summary>The bot reads text only: say so.</summary>
    public sealed record TextOnly(Language Language) : NotTextOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : NotTextOutcome(Language);
}
