using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.ResetSession;

public abstract record ResetSessionOutcome(Language Language) : IOutcome<ResetSessionOutcome>
{
    public static ResetSessionOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="HadSession">False when there was nothing to end: the user is already at a fresh start.</param>
    public sealed record Reset(Language Language, bool HadSession) : ResetSessionOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : ResetSessionOutcome(Language);
}
