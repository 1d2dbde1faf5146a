using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Help;

/// <summary>A person asks what the bot can do (<c>/help</c>).</summary>
public sealed record HelpQuery(UserProfile Profile) : IRequest<HelpOutcome>, IUserRequest;
