using CleanBot.Application.Common.Outcomes;

namespace CleanBot.Application.Common.Access;

/// <summary>A request that calls the model: the per-user message rate limit and daily token quota apply to it.
/// Commands with canned answers (/start, /help, /reset) are not metered.</summary>
public interface IMeteredRequest : IUserRequest;
