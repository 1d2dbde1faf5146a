using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Common.Access;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Ask;

/// <summary>A person says something to the bot in a chat; the model answers within the person's session there.</summary>
/// <param name="Progress">When set, the answer is streamed: its text is reported here while the model writes it.</param>
public sealed record AskCommand(UserProfile Profile, long ChatId, string Text, IAnswerProgress? Progress = null)
    : IRequest<AskOutcome>, IMeteredRequest;
