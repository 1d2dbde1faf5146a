namespace CleanBot.Application.Common.Outcomes;

/// <summary>Why a request was refused before any work was done: a stable code and, for size rules, the limit.</summary>
public sealed record Rejection(string Code, int? Limit = null);
