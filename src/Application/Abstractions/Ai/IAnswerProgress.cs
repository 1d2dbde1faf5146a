namespace CleanBot.Application.Abstractions.Ai;

/// <summary>
/// Receives a model's answer while it is being written: each new piece of text, in order. It is called on the model
/// call's own flow, so an implementation only takes note of the piece and returns; showing it is its own business.
/// </summary>
public interface IAnswerProgress
{
    void Report(string piece);
}
