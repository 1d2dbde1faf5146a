using CleanBot.Application.Common.Access;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.InlineAnswer;

/// <summary>
/// A person types <c>@botname question</c> in any chat: the model answers once, without history, and nothing is
/// stored in their sessions. Metered like a question to the bot (rate limit, daily token quota).
/// </summary>
public sealed record InlineAnswerQuery(UserProfile Profile, string Text) : IRequest<InlineAnswerOutcome>, IMeteredRequest;
