using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Outcomes;

/// <summary>
/// A handler's result type. Each can stand for a refused request, so the validation behaviour can answer without
/// an exception and without reflection.
/// </summary>
public interface IOutcome<out TSelf>
    where TSelf : IOutcome<TSelf>
{
    /// <summary>The language the reply should be written in.</summary>
    Language Language { get; }

    static abstract TSelf Rejected(Rejection rejection, Language language);
}
