using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.InlineAnswer;

/// <summary>What came of an inline question. Only <see cref="Answered"/> carries model text; every other case is put
/// into words by the Telegram layer in <see cref="IOutcome{TSelf}.Language"/>.</summary>
public abstract record InlineAnswerOutcome(Language Language) : IOutcome<InlineAnswerOutcome>
{
    public static InlineAnswerOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="FromCache">The same question was answered recently and the model was not asked again.</param>
    public sealed record Answered(Language Language, string Text, bool FromCache) : InlineAnswerOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : InlineAnswerOutcome(Language);

    /// <summary>The model did not answer within <see cref="InlineAnswerOptions.ModelTimeout"/>.</summary>
    public sealed record TooSlow(Language Language) : InlineAnswerOutcome(Language);

    public sealed record ModelBusy(Language Language, TimeSpan? RetryAfter) : InlineAnswerOutcome(Language);

    public sealed record QuotaExhausted(Language Language) : InlineAnswerOutcome(Language);

    public sealed record Blocked(Language Language, string Reason) : InlineAnswerOutcome(Language);

    public sealed record ModelUnavailable(Language Language) : InlineAnswerOutcome(Language);
}
