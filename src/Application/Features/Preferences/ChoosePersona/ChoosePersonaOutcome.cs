using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Preferences.ChoosePersona;

public abstract record ChoosePersonaOutcome(Language Language) : IOutcome<ChoosePersonaOutcome>
{
    public static ChoosePersonaOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="Changed">False when the person was in that persona already (nothing was reset).</param>
    /// <param name="SessionEnded">True when a conversation in the chat was closed, so the new persona starts fresh.</param>
    public sealed record Chosen(Language Language, Persona Persona, bool Changed, bool SessionEnded) : ChoosePersonaOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : ChoosePersonaOutcome(Language);
}
