using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Validation;
using CleanBot.Application.Features.Ask;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.InlineAnswer;
using CleanBot.Application.Features.NotText;
using CleanBot.Application.Features.Preferences.ChooseLanguage;
using CleanBot.Application.Features.Preferences.ChoosePersona;
using CleanBot.Application.Features.Preferences.ShowPreferences;
using CleanBot.Application.Features.ResetSession;
using CleanBot.Application.Features.Start;
using CleanBot.Application.Features.Stats;
using CleanBot.Application.Features.Usage;
using CleanBot.Domain.Users;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CleanBot.Application.UnitTests.Common;

/// <summary>Requests sent through the real MediatR pipeline as <see cref="DependencyInjection.AddApplication"/> builds it.</summary>
public sealed class PipelineTests : IAsyncDisposable
{
    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly ServiceProvider _provider;

    public PipelineTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddApplication();
        services.AddSingleton(_model);
        services.AddSingleton(_sessions);
        services.AddSingleton(Substitute.For<IUserRepository>());
        services.AddSingleton(Substitute.For<IUnitOfWork>());
        services.AddSingleton(Substitute.For<IUsageReader>());
        services.AddSingleton<ICache>(new DictionaryCache());
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_before_it_reaches_the_model()
    {
        var outcome = await Send(new AskCommand(Profiles.Maryam, 1, new string('x', 20_000)));

        outcome.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.TextTooLong, 4096), Language.Persian));
        await _model.DidNotReceiveWithAnyArgs().GenerateAsync(default!, default);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task Blank_text_is_refused(string text)
    {
        var outcome = await Send(new AskCommand(Profiles.Sara, 1, text));

        outcome.Should().BeOfType<AskOutcome.Refused>().Which.Rejection.Code.Should().Be(RejectionCodes.EmptyText);
    }

    [Fact]
    public async Task A_profile_without_a_real_user_id_is_refused()
    {
        var outcome = await Send(new StartCommand(Profiles.Sara with { Id = 0 }));

        outcome.Should().BeOfType<StartOutcome.Refused>().Which.Rejection.Code.Should().Be(RejectionCodes.InvalidRequest);
    }

    [Fact]
    public async Task Every_request_a_person_makes_has_their_profile_checked()
    {
        await ProfileShouldBeRefused(profile => new AskCommand(profile, 1, "q"));
        await ProfileShouldBeRefused(profile => new ChooseLanguageCommand(profile, Language.Persian));
        await ProfileShouldBeRefused(profile => new ChoosePersonaCommand(profile, 1, Persona.Tutor));
        await ProfileShouldBeRefused(profile => new HelpQuery(profile));
        await ProfileShouldBeRefused(profile => new InlineAnswerQuery(profile, "q"));
        await ProfileShouldBeRefused(profile => new NotTextQuery(profile));
        await ProfileShouldBeRefused(profile => new ResetSessionCommand(profile, 1));
        await ProfileShouldBeRefused(profile => new ShowPreferencesQuery(profile));
        await ProfileShouldBeRefused(profile => new StartCommand(profile));
        await ProfileShouldBeRefused(profile => new StatsQuery(profile));
        await ProfileShouldBeRefused(profile => new UsageQuery(profile));
    }

    [Fact]
    public async Task A_valid_question_reaches_its_handler()
    {
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>()).Returns(new ChatModelResult.Answered("42", null));

        var outcome = await Send(new AskCommand(Profiles.Sara, 1, "the answer?"));

        outcome.Should().Be(new AskOutcome.Answered(Language.English, "42"));
    }

    [Fact]
    public async Task An_unexpected_failure_escapes_the_pipeline_for_the_caller_to_apologise()
    {
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("boom"));

        var send = () => Send(new AskCommand(Profiles.Sara, 1, "q"));

        await send.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Every_request_has_a_handler()
    {
        (await Send(new HelpQuery(Profiles.Sara))).Should().BeOfType<HelpOutcome.Shown>()
            .Which.Commands.Should().Contain([BotCommand.Start, BotCommand.Help, BotCommand.Reset, BotCommand.New]);
        (await Send(new ResetSessionCommand(Profiles.Sara, 1))).Should().BeOfType<ResetSessionOutcome.Reset>();
        (await Send(new StartCommand(Profiles.Sara))).Should().BeOfType<StartOutcome.Welcomed>();
        (await Send(new UsageQuery(Profiles.Sara))).Should().BeOfType<UsageOutcome.Shown>();
        (await Send(new StatsQuery(Profiles.Sara))).Should().BeOfType<StatsOutcome.AdminsOnly>();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private async Task ProfileShouldBeRefused<TOutcome>(Func<UserProfile, IRequest<TOutcome>> request)
        where TOutcome : IOutcome<TOutcome>
    {
        var outcome = await Send(request(Profiles.Sara with { FirstName = new string('x', 300) }));

        outcome.Should().Be(
            TOutcome.Rejected(new Rejection(RejectionCodes.InvalidRequest, UserProfileValidator.MaxNameLength), Language.English),
            because: $"{typeof(TOutcome).Name} comes from a request a person made");
    }

    private async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, CancellationToken.None);
    }
}
