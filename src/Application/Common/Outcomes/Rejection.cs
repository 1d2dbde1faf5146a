namespace CleanBot.Application.Common.Outcomes;

/// <summary>Why a request was refused before any work was done: a stable code and, for size rules, the limit; for a
/// limit that lifts with time, how long until it does.</summary>
public sealed record Rejection(string Code, int? Limit = null, TimeSpan? RetryAfter = null);
