using CleanBot.Application.Common.Access;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Ask;

/// <summary>A person says something to the bot in a chat; the model answers within the person's session there.</summary>
public sealed record AskCommand(UserProfile Profile, long ChatId, string Text) : IRequest<AskOutcome>, IMeteredRequest;
