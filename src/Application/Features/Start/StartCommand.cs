using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Start;

/// <summary>A person opens the conversation (<c>/start</c>): register or refresh them and greet them.</summary>
public sealed record StartCommand(UserProfile Profile) : IRequest<StartOutcome>, IUserRequest;
