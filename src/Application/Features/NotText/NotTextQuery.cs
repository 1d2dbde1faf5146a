using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.NotText;

/// <summary>A person sends the bot something it cannot take (a sticker, a voice note, a file, an image over the size
/// limit). A request of its own, so the allow-list applies to it like to any message.</summary>
public sealed record NotTextQuery(UserProfile Profile, NotTextKind Kind = NotTextKind.Other) : IRequest<NotTextOutcome>, IUserRequest;
