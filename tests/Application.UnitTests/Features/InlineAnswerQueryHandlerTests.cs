using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.InlineAnswer;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class InlineAnswerQueryHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InlineAnswerOptions _options = new() { ModelTimeout = TimeSpan.FromSeconds(7), CacheDuration = TimeSpan.FromHours(1) };
    private readonly AccessOptions _access = new() { DailyTokenQuota = 10_000 };
    private readonly List<ChatModelRequest> _modelRequests = [];

    [Fact]
    public async Task The_model_gets_the_assistant_prompt_told_to_fit_one_message_and_the_question_as_the_only_turn()
    {
        ModelAnswers(new ChatModelResult.Answered("DNS maps names to addresses.", null));

        var outcome = await Handler().Handle(new InlineAnswerQuery(Profiles.Sara, "  What is DNS? "), CancellationToken.None);

        outcome.Should().Be(new InlineAnswerOutcome.Answered(Language.English, "DNS maps names to addresses.", FromCache: false));
        var request = _modelRequests.Should().ContainSingle().Subject;
        request.SystemInstruction.Should().Be("Be kind.\n\n" + InlineAnswerQueryHandler.InlineInstruction);
        request.Turns.Select(turn => (turn.Role, turn.Text)).Should().Equal((MessageRole.User, "What is DNS?"));
    }

    [Fact]
    public async Task Nothing_is_stored_neither_a_session_nor_the_user()
    {
        ModelAnswers(new ChatModelResult.Answered("ok", new TokenUsage(5, 5)));

        await Handler().Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);

        _sessions.DidNotReceive().Add(Arg.Any<Session>());
        _users.DidNotReceive().Add(Arg.Any<User>());
        _cache.Entries.Keys.Should().NotContain(UserRegistry.CacheKey(Profiles.Sara.Id));
    }

    [Fact]
    public async Task The_same_question_typed_differently_is_answered_from_the_cache_without_the_model()
    {
        ModelAnswers(new ChatModelResult.Answered("DNS maps names to addresses.", null));
        var handler = Handler();

        await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is  DNS?"), CancellationToken.None);
        var again = await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "what is dns?"), CancellationToken.None);

        again.Should().Be(new InlineAnswerOutcome.Answered(Language.English, "DNS maps names to addresses.", FromCache: true));
        _modelRequests.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_a_cache_duration_every_question_asks_the_model()
    {
        _options.CacheDuration = TimeSpan.Zero;
        ModelAnswers(new ChatModelResult.Answered("one", null), new ChatModelResult.Answered("two", null));
        var handler = Handler();

        await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);
        await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);

        _modelRequests.Should().HaveCount(2);
        _cache.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task An_answers_tokens_count_towards_the_daily_quota_and_a_cached_one_costs_none()
    {
        var key = DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow());
        _cache.Counters[key] = 100;
        ModelAnswers(new ChatModelResult.Answered("ok", new TokenUsage(30, 12)));
        var handler = Handler();

        await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);
        await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);

        _cache.Counters[key].Should().Be(142);
    }

    [Fact]
    public async Task The_outcome_is_in_the_stored_users_language_when_known()
    {
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>())
            .Returns(User.Register(Profiles.Sara with { LanguageTag = "fa" }, _time.GetUtcNow()));
        ModelAnswers(new ChatModelResult.Answered("ok", null));

        var outcome = await Handler().Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);

        outcome.Language.Should().Be(Language.Persian);
    }

    [Fact]
    public async Task When_the_model_does_not_answer_within_the_timeout_the_outcome_says_so()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                called.TrySetResult();
                await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
                return (ChatModelResult)new ChatModelResult.Answered("too late", null);
            });

        var handling = Handler().Handle(new InlineAnswerQuery(Profiles.Maryam, "دی‌ان‌اس چیست؟"), CancellationToken.None);
        await called.Task;
        _time.Advance(_options.ModelTimeout);

        (await handling).Should().Be(new InlineAnswerOutcome.TooSlow(Language.Persian));
        _cache.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_caller_gives_up_the_handler_stops_without_an_outcome()
    {
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
                return (ChatModelResult)new ChatModelResult.Answered("never", null);
            });
        using var stopping = new CancellationTokenSource();

        var handling = Handler().Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), stopping.Token);
        await stopping.CancelAsync();

        await FluentActions.Awaiting(() => handling).Should().ThrowAsync<OperationCanceledException>();
    }

    public static TheoryData<ChatModelResult, InlineAnswerOutcome> Failures => new()
    {
        { new ChatModelResult.RateLimited(TimeSpan.FromSeconds(30)), new InlineAnswerOutcome.ModelBusy(Language.English, TimeSpan.FromSeconds(30)) },
        { new ChatModelResult.QuotaExhausted(), new InlineAnswerOutcome.QuotaExhausted(Language.English) },
        { new ChatModelResult.Blocked("SAFETY"), new InlineAnswerOutcome.Blocked(Language.English, "SAFETY") },
        { new ChatModelResult.ContextTooLong(), new InlineAnswerOutcome.ModelUnavailable(Language.English) },
        { new ChatModelResult.Unavailable("down"), new InlineAnswerOutcome.ModelUnavailable(Language.English) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_model_failure_is_an_outcome_and_is_not_cached(ChatModelResult failure, InlineAnswerOutcome expected)
    {
        ModelAnswers(failure, new ChatModelResult.Answered("now it works", null));
        var handler = Handler();

        var outcome = await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);
        var retried = await handler.Handle(new InlineAnswerQuery(Profiles.Sara, "What is DNS?"), CancellationToken.None);

        outcome.Should().Be(expected);
        retried.Should().BeOfType<InlineAnswerOutcome.Answered>().Which.FromCache.Should().BeFalse();
    }

    private InlineAnswerQueryHandler Handler() =>
        new(
            new UserRegistry(_users, _cache),
            _model,
            _cache,
            new DailyTokenQuota(Options.Create(_access), _cache, _sessions, NullLogger<DailyTokenQuota>.Instance),
            _time,
            Options.Create(new ConversationOptions { SystemPrompt = "Be kind." }),
            Options.Create(_options),
            NullLogger<InlineAnswerQueryHandler>.Instance);

    private void ModelAnswers(params ChatModelResult[] results)
    {
        var queue = new Queue<ChatModelResult>(results);
        _model.GenerateAsync(Arg.Do<ChatModelRequest>(request => _modelRequests.Add(request with { Turns = [.. request.Turns] })), Arg.Any<CancellationToken>())
            .Returns(_ => queue.Dequeue());
    }
}
