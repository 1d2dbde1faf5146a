using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.Help;

public abstract record HelpOutcome(Language Language) : IOutcome<HelpOutcome>
{
    public static HelpOutcome Rejected(Rejection rejection, Language language) => new Refused(rejection, language);

    /// <param name="Commands">What the bot understands, in the order to list them.</param>
    /// <param name="MaxInputCharacters">The longest message the bot accepts, worth telling up front.</param>
    public sealed record Shown(Language Language, IReadOnlyList<BotCommand> Commands, int MaxInputCharacters) : HelpOutcome(Language);

    public sealed record Refused(Rejection Rejection, Language Language) : HelpOutcome(Language);
}
