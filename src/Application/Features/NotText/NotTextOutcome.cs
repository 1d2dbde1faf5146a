using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.NotText;

public abstract record NotTextOutcome(Language Language) : IOutcome<NotTextOutcome>
{
    public static NotTextOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <summary>The bot does not read this kind of message yet: say so, naming it.</summary>
    public sealed record Unsupported(Language Language, NotTextKind Kind) : NotTextOutcome(Language);

    /// <summary>An image the bot would read, but larger than <paramref name="MaxBytes"/>.</summary>
    public sealed record ImageTooLarge(Language Language, int MaxBytes) : NotTextOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : NotTextOutcome(Language);
}
