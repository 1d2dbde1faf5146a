using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.ResetSession;

/// <summary>A person starts over (<c>/reset</c> or <c>/new</c>): their active session in this chat ends, the next
/// message opens a new one.</summary>
public sealed record ResetSessionCommand(UserProfile Profile, long ChatId) : IRequest<ResetSessionOutcome>, IUserRequest;
