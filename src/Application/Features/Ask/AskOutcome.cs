using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Ask;

/// <summary>What came of a question. Only <see cref="Answered"/> carries model text; every other case is put into
/// words by the Telegram layer in <see cref="IOutcome{TSelf}.Language"/>.</summary>
public abstract record AskOutcome(Language Language) : IOutcome<AskOutcome>
{
    public static AskOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    public sealed record Answered(Language Language, string Text) : AskOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : AskOutcome(Language);

    public sealed record ModelBusy(Language Language, TimeSpan? RetryAfter) : AskOutcome(Language);

    public sealed record QuotaExhausted(Language Language) : AskOutcome(Language);

    public sealed record Blocked(Language Language, string Reason) : AskOutcome(Language);

    /// <summary>Even the shortened conversation was too long for the model: a new session is the way out.</summary>
    public sealed record ConversationTooLong(Language Language) : AskOutcome(Language);

    public sealed record ModelUnavailable(Language Language) : AskOutcome(Language);
}
