using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Usage;

/// <summary>A person asks how much they have used the bot (<c>/usage</c>): messages and tokens today, this month
/// (both UTC) and in all, across every chat they talk to the bot in.</summary>
public sealed record UsageQuery(UserProfile Profile) : IRequest<UsageOutcome>, IUserRequest;
