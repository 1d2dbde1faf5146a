using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ChoosePersona;

/// <summary>A person picks a persona from the <c>/mode</c> menu in a chat.</summary>
/// <param name="ChatId">The chat the menu was in: the person's conversation there starts afresh in the new persona.</param>
public sealed record ChoosePersonaCommand(UserProfile Profile, long ChatId, Persona Persona) : IRequest<ChoosePersonaOutcome>, IUserRequest;
