using MediatR;

namespace CleanBot.Application.Features.MarkBotBlocked;

/// <summary>
/// The messaging platform refused a reply to this user because they blocked the bot (or deleted their account).
/// Not a request the person makes, so neither the allow-list nor validation applies. The answer is true when a
/// stored user was marked, false when the user was never stored.
/// </summary>
public sealed record MarkBotBlockedCommand(long UserId) : IRequest<bool>;
