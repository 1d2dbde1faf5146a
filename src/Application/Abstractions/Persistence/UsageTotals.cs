namespace CleanBot.Application.Abstractions.Persistence;

/// <param name="Messages">Messages people wrote to the bot (their own turns, answered or not).</param>
/// <param name="Tokens">Every token the model reported for its answers: prompt and answer together.</param>
public sealed record UsageTotals(long Messages, long Tokens)
{
    public static readonly UsageTotals None = new(0, 0);
}
