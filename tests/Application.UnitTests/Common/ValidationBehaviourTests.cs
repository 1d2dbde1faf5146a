using System.Linq.Expressions;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Behaviours;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Common.Validation;
using CleanBot.Application.Features.Ask;
using CleanBot.Domain.Users;
using FluentValidation;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Common;

/// <summary>
/// The profile's check before the request's own, and validators with a rule that has to wait. The bot's own rules are
/// all synchronous, and the pipeline tests run them; these hold the behaviour to the same answers when a validator
/// completes later.
/// </summary>
public sealed class ValidationBehaviourTests
{
    private static readonly AskOutcome Answer = new AskOutcome.Answered(Language.English, "42");

    private readonly UserRegistry _registry = new(Substitute.For<IUserRepository>(), new DictionaryCache());
    private IValidator<UserProfile> _profileValidator = new UserProfileValidator();
    private int _handlerRuns;
    private int _requestValidations;

    [Fact]
    public async Task A_profile_that_fails_is_refused_before_the_requests_own_rules_run()
    {
        var outcome = await Validate(new AskCommand(Profiles.Maryam with { FirstName = new string('x', 300) }, 1, "fine"), CountingValidator());

        outcome.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.InvalidRequest, UserProfileValidator.MaxNameLength), Language.Persian));
        _requestValidations.Should().Be(0);
        _handlerRuns.Should().Be(0);
    }

    [Fact]
    public async Task A_profile_that_passes_a_waiting_rule_goes_on_to_the_requests_own_rules()
    {
        _profileValidator = ProfileRuleThatWaits();

        var outcome = await Validate(new AskCommand(Profiles.Sara, 1, "fine"), CountingValidator());

        outcome.Should().Be(Answer);
        _requestValidations.Should().Be(1);
        _handlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task After_a_profile_that_waited_the_requests_own_rules_still_refuse()
    {
        _profileValidator = ProfileRuleThatWaits();
        var synchronous = new InlineValidator<AskCommand>
        {
            validator => validator.RuleFor(command => command.Text).NotEqual("fine").WithErrorCode("FailedAtOnce"),
        };

        var outcome = await Validate(new AskCommand(Profiles.Sara, 1, "fine"), synchronous);

        outcome.Should().Be(new AskOutcome.Refused(new Rejection("FailedAtOnce"), Language.English));
        _handlerRuns.Should().Be(0);
    }

    [Fact]
    public async Task A_profile_failing_a_waiting_rule_is_refused_before_the_requests_own_rules_run()
    {
        _profileValidator = ProfileRuleThatWaits();

        var outcome = await Validate(new AskCommand(Profiles.Maryam with { Username = "late" }, 1, "fine"), CountingValidator());

        outcome.Should().Be(new AskOutcome.Refused(new Rejection("ProfileFailedLater"), Language.Persian));
        _requestValidations.Should().Be(0);
        _handlerRuns.Should().Be(0);
    }

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

    private InlineValidator<AskCommand> CountingValidator() => new()
    {
        validator => validator.RuleFor(command => command.Text).Must(_ => ++_requestValidations > 0),
    };

    private static InlineValidator<AskCommand> RuleThatWaits() => RuleThatWaits<AskCommand>(command => command.Text, "FailedLater");

    private static InlineValidator<UserProfile> ProfileRuleThatWaits() =>
        RuleThatWaits<UserProfile>(profile => profile.Username, "ProfileFailedLater");

    /// <summary>A rule that refuses "late", and answers only after the validation has yielded.</summary>
    private static InlineValidator<T> RuleThatWaits<T>(Expression<Func<T, string?>> property, string errorCode) => new()
    {
        validator => validator.RuleFor(property)
            .MustAsync(async (value, _) =>
            {
                await Task.Yield();
                return value != "late";
            })
            .WithErrorCode(errorCode),
    };

    private Task<AskOutcome> Validate(AskCommand command, params IValidator<AskCommand>[] validators)
    {
        var behaviour = new ValidationBehaviour<AskCommand, AskOutcome>(_profileValidator, validators, _registry);
        return behaviour.Handle(command, CancellationToken.None, () =>
        {
            _handlerRuns++;
            return Task.FromResult(Answer);
        });
    }
}
