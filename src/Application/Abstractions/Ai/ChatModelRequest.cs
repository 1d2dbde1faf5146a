using CleanBot.Domain.Conversations;

namespace CleanBot.Application.Abstractions.Ai;

/// <param name="SystemInstruction">How the model should behave, sent apart from the turns.</param>
/// <param name="Turns">The conversation so far, oldest first, ending with the user's newest message.</param>
/// <param name="Image">An image sent with the newest message; earlier turns carry none (only their text is kept).</param>
public sealed record ChatModelRequest(string SystemInstruction, IReadOnlyList<Message> Turns, ImageAttachment? Image = null);
