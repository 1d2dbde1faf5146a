using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Common.Outcomes;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Ask;

public sealed class AskCommandValidator : AbstractValidator<AskCommand>
{
    public AskCommandValidator(IOptions<ConversationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(command => command.Text)
            .Cascade(CascadeMode.Stop)
            .Must(text => !string.IsNullOrWhiteSpace(text)).WithErrorCode(RejectionCodes.EmptyText)
            .MaximumLength(options.Value.MaxInputCharacters).WithErrorCode(RejectionCodes.TextTooLong);
        // A condition on each rule rather than a When block: a block shares its condition's result through a table
        // that every validation of every question would allocate, with an image or without.
        RuleFor(command => command.Image!.MimeType)
            .Must(ImageAttachment.IsSupported).WithErrorCode(RejectionCodes.ImageTypeNotSupported)
            .When(command => command.Image is not null);
        RuleFor(command => command.Image!.Bytes.Length)
            .Cascade(CascadeMode.Stop)
            .Must(length => length > 0).WithErrorCode(RejectionCodes.ImageEmpty)
            .LessThanOrEqualTo(options.Value.MaxImageBytes).WithErrorCode(RejectionCodes.ImageTooLarge)
            .When(command => command.Image is not null);
    }
}
