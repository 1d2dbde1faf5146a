using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Stats;

/// <summary>An admin asks how the bot is used as a whole (<c>/stats</c>): users, active today, messages and
/// tokens. Anyone else is told the command is for admins.</summary>
public sealed record StatsQuery(UserProfile Profile) : IRequest<StatsOutcome>, IUserRequest;
