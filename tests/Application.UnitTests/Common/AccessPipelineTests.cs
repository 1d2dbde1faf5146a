using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.Ask;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.MarkBotBlocked;
using CleanBot.Application.Features.NotText;
using CleanBot.Application.Features.ResetSession;
using CleanBot.Application.Features.Start;
using CleanBot.Application.Features.Stats;
using CleanBot.Application.Features.Usage;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Common;

/// <summary>The cache answers at once, as the memory cache does: the behaviours decide without waiting.</summary>
public sealed class AccessPipelineWithACacheAnsweringAtOnceTests() : AccessPipelineTests(cacheAnswersLater: false);

/// <summary>The cache answers later, as Redis does: the behaviours wait for its answer before deciding.</summary>
public sealed class AccessPipelineWithACacheAnsweringLaterTests() : AccessPipelineTests(cacheAnswersLater: true);

/// <summary>The allow-list, the rate limit and the daily quota, through the real MediatR pipeline.</summary>
public abstract class AccessPipelineTests : IAsyncDisposable
{
    private const long AdminId = 7;

    private static readonly UserProfile Stranger = new(99, "stranger", "Stranger", null, "fa");

    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IUsageReader _usage = Substitute.For<IUsageReader>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;

    protected AccessPipelineTests(bool cacheAnswersLater)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddApplication();
        services.Configure<AccessOptions>(options =>
        {
            options.AllowedUserIds = new HashSet<long> { Profiles.Sara.Id, Profiles.Maryam.Id };
            options.AdminUserIds = new HashSet<long> { AdminId };
            options.MessagesPerMinute = 2;
            options.DailyTokenQuota = 1000;
        });
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_model);
        services.AddSingleton(_users);
        services.AddSingleton(_sessions);
        services.AddSingleton(_unitOfWork);
        services.AddSingleton(_usage);
        services.AddSingleton<ICache>(cacheAnswersLater ? new LaterAnsweringCache(_cache) : _cache);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(new ChatModelResult.Answered("ok", new TokenUsage(10, 5)));
    }

    [Fact]
    public async Task A_stranger_gets_no_usage_figures_and_no_statistics()
    {
        var usage = await Send(new UsageQuery(Stranger));
        var stats = await Send(new StatsQuery(Stranger));

        usage.Should().Be(new UsageOutcome.Refused(new Rejection(RejectionCodes.AccessDenied), Language.Persian));
        stats.Should().Be(new StatsOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.Persian));
        _usage.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task A_stranger_is_told_once_in_their_language_whatever_they_send_and_nothing_is_stored_or_asked()
    {
        var start = await Send(new StartCommand(Stranger));
        var question = await Send(new AskCommand(Stranger, Stranger.Id, "hello?"));
        var help = await Send(new HelpQuery(Stranger));
        var sticker = await Send(new NotTextQuery(Stranger));
        var reset = await Send(new ResetSessionCommand(Stranger, Stranger.Id));

        start.Should().Be(new StartOutcome.Refused(new Rejection(RejectionCodes.AccessDenied), Language.Persian));
        question.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.Persian));
        help.Should().Be(new HelpOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.Persian));
        sticker.Should().Be(new NotTextOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.Persian));
        reset.Should().Be(new ResetSessionOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.Persian));
        await _users.DidNotReceiveWithAnyArgs().FindAsync(default, default);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        await _model.DidNotReceiveWithAnyArgs().GenerateAsync(default!, default);
    }

    [Fact]
    public async Task A_stranger_is_refused_before_validation_so_an_invalid_message_tells_them_nothing_more()
    {
        var outcome = await Send(new AskCommand(Stranger with { Id = 0 }, 1, string.Empty));

        outcome.Should().BeOfType<AskOutcome.Refused>().Which.Rejection.Code.Should().Be(RejectionCodes.AccessDenied);
    }

    [Fact]
    public async Task Over_the_rate_limit_the_model_is_not_called_and_commands_do_not_count()
    {
        await Send(new HelpQuery(Profiles.Sara));
        await Send(new ResetSessionCommand(Profiles.Sara, 1));
        var answered = new[] { await Send(new AskCommand(Profiles.Sara, 1, "q1")), await Send(new AskCommand(Profiles.Sara, 1, "q2")) };
        var limited = await Send(new AskCommand(Profiles.Sara, 1, "q3"));
        var silent = await Send(new AskCommand(Profiles.Sara, 1, "q4"));

        answered.Should().AllBeOfType<AskOutcome.Answered>("/help and /reset did not use up the two questions a minute");
        limited.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.TooManyMessages, 2, TimeSpan.FromMinutes(1)), Language.English));
        silent.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.AlreadyTold), Language.English));
        await _model.ReceivedWithAnyArgs(2).GenerateAsync(default!, default);

        _time.Advance(TimeSpan.FromMinutes(1));
        (await Send(new AskCommand(Profiles.Sara, 1, "q5"))).Should().BeOfType<AskOutcome.Answered>("a new minute has begun");
    }

    [Fact]
    public async Task With_the_daily_quota_used_up_the_model_is_not_called_and_the_refusal_is_in_the_users_language()
    {
        _sessions.TokensUsedSinceAsync(Profiles.Maryam.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(1000);

        var outcome = await Send(new AskCommand(Profiles.Maryam, 1, "سلام"));

        outcome.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.DailyQuotaUsed), Language.Persian));
        await _model.DidNotReceiveWithAnyArgs().GenerateAsync(default!, default);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Answers_fill_the_quota_until_the_next_question_is_refused()
    {
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(new ChatModelResult.Answered("a long answer", new TokenUsage(600, 400)));

        var first = await Send(new AskCommand(Profiles.Sara, 1, "q1"));
        var second = await Send(new AskCommand(Profiles.Sara, 1, "q2"));

        first.Should().BeOfType<AskOutcome.Answered>();
        second.Should().BeOfType<AskOutcome.Refused>().Which.Rejection.Code.Should().Be(RejectionCodes.DailyQuotaUsed);
        await _sessions.Received(1).TokensUsedSinceAsync(Profiles.Sara.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_admin_needs_no_place_on_the_allow_list_and_has_neither_rate_limit_nor_quota()
    {
        var admin = new UserProfile(AdminId, "admin", "Admin", null, "en");
        _sessions.TokensUsedSinceAsync(AdminId, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(1_000_000);

        var outcomes = new List<AskOutcome>();
        for (var question = 0; question < 5; question++)
        {
            outcomes.Add(await Send(new AskCommand(admin, 1, $"q{question}")));
        }

        outcomes.Should().AllBeOfType<AskOutcome.Answered>();
    }

    [Fact]
    public async Task Marking_a_blocked_user_is_not_a_users_request_and_passes_whatever_the_allow_list_says()
    {
        var stored = User.Register(Stranger, _time.GetUtcNow());
        _users.FindAsync(Stranger.Id, Arg.Any<CancellationToken>()).Returns(stored);

        (await Send(new MarkBotBlockedCommand(Stranger.Id))).Should().BeTrue();

        stored.HasBlockedBot.Should().BeTrue();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<TResponse> Send<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, CancellationToken.None);
    }
}
