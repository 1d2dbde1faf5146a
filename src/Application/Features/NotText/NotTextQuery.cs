using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.NotText;

/// <summary>A person sends the bot something other than text (a sticker, a photo, a voice note). A request of its own,
/// so the allow-list applies to it like to any message.</summary>
public sealed record NotTextQuery(UserProfile Profile) : IRequest<NotTextOutcome>, IUserRequest;
