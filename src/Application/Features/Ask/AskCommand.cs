using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Common.Access;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Ask;

/// <summary>A person says something to the bot in a chat; the model answers within the person's session there.</summary>
/// <param name="Text">What they wrote; with an image, its caption or a default prompt.</param>
/// <param name="Image">A photo or image file sent with the message; the model sees it with this message only.</param>
/// <param name="Progress">When set, the answer is streamed: its text is reported here while the model writes it.</param>
public sealed record AskCommand(
    UserProfile Profile,
    long ChatId,
    string Text,
    ImageAttachment? Image = null,
    IAnswerProgress? Progress = null)
    : IRequest<AskOutcome>, IMeteredRequest;
