using CleanBot.Application.Common.Outcomes;
using FluentValidation;

namespace CleanBot.Application.Features.InlineAnswer;

public sealed class InlineAnswerQueryValidator : AbstractValidator<InlineAnswerQuery>
{
    public InlineAnswerQueryValidator()
    {
        RuleFor(query => query.Text)
            .Cascade(CascadeMode.Stop)
            .Must(InlineQuestion.IsAskable).WithErrorCode(RejectionCodes.EmptyText)
            .MaximumLength(InlineQuestion.MaxLength).WithErrorCode(RejectionCodes.TextTooLong);
    }
}
