using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Behaviours;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Ask;
using CleanBot.Domain.Users;
using FluentValidation;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Common;

/// <summary>
/// Validators with a rule that has to wait. The bot's own rules are all synchronous, and the pipeline tests run them;
/// these hold the behaviour to the same answers when a validator completes later.
/// </summary>
public sealed class ValidationBehaviourTests
{
    private static readonly AskOutcome Answer = new AskOutcome.Answered(Language.English, "42");

    private readonly UserRegistry _registry = new(Substitute.For<IUserRepository>(), new DictionaryCache());
    private int _handlerRuns;

    [Fact]
    public async Task A_request_that_passes_a_waiting_rule_reaches_the_handler()
    {
        var outcome = await Validate(new AskCommand(Profiles.Sara, 1, "fine"), RuleThatWaits());

        outcome.Should().Be(Answer);
        _handlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task A_request_failing_a_waiting_rule_is_refused_in_the_persons_language()
    {
        var outcome = await Validate(new AskCommand(Profiles.Maryam, 1, "late"), RuleThatWaits());

        outcome.Should().Be(new AskOutcome.Refused(new Rejection("FailedLater"), Language.Persian));
        _handlerRuns.Should().Be(0);
    }

    [Fact]
    public async Task Validators_after_one_that_waited_still_run()
    {
        var synchronous = new InlineValidator<AskCommand>
        {
            validator => validator.RuleFor(command => command.Text).NotEqual("fine").WithErrorCode("FailedAtOnce"),
        };

        var outcome = await Validate(new AskCommand(Profiles.Sara, 1, "fine"), RuleThatWaits(), synchronous);

        outcome.Should().Be(new AskOutcome.Refused(new Rejection("FailedAtOnce"), Language.English));
        _handlerRuns.Should().Be(0);
    }

    private static InlineValidator<AskCommand> RuleThatWaits() => new()
    {
        validator => validator.RuleFor(command => command.Text)
            .MustAsync(async (text, _) =>
            {
                await Task.Yield();
                return text != "late";
            })
            .WithErrorCode("FailedLater"),
    };

    private Task<AskOutcome> Validate(AskCommand command, params IValidator<AskCommand>[] validators)
    {
        var behaviour = new ValidationBehaviour<AskCommand, AskOutcome>(validators, _registry);
        return behaviour.Handle(command, CancellationToken.None, () =>
        {
            _handlerRuns++;
            return Task.FromResult(Answer);
        });
    }
}
