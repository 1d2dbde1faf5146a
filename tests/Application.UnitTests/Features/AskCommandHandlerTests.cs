using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Ask;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class AskCommandHandlerTests
{
    private const long ChatId = 1000;

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ConversationOptions _options = new() { SystemPrompt = "Be kind.", HistoryMaxMessages = 6, HistoryMaxCharacters = 1000 };
    private readonly AccessOptions _access = new() { DailyTokenQuota = 10_000 };
    private readonly List<ChatModelRequest> _modelRequests = [];

    [Fact]
    public async Task First_question_opens_a_session_and_returns_the_models_answer()
    {
        ModelAnswers(new ChatModelResult.Answered("Hello Sara", new TokenUsage(10, 2)));
        Session? added = null;
        _sessions.Add(Arg.Do<Session>(session => added = session));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "hi"), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.Answered(Language.English, "Hello Sara"));
        added.Should().NotBeNull();
        added!.ChatId.Should().Be(ChatId);
        added.Messages.Select(m => (m.Role, m.Text)).Should().Equal((MessageRole.User, "hi"), (MessageRole.Model, "Hello Sara"));
        added.Messages[1].OutputTokens.Should().Be(2);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_model_sees_the_system_prompt_and_the_sessions_history_ending_with_the_question()
    {
        var session = ActiveSession(("q1", "a1"), ("q2", "a2"));
        ModelAnswers(new ChatModelResult.Answered("a3", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q3"), CancellationToken.None);

        var request = _modelRequests.Should().ContainSingle().Subject;
        request.SystemInstruction.Should().Be("Be kind.");
        request.Turns.Select(m => m.Text).Should().Equal("q1", "a1", "q2", "a2", "q3");
        session.Messages.Should().HaveCount(6);
    }

    [Fact]
    public async Task The_session_is_loaded_with_only_as_many_messages_as_the_history_may_hold()
    {
        ModelAnswers(new ChatModelResult.Answered("ok", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        await _sessions.Received(1).FindActiveAsync(ChatId, Profiles.Sara.Id, _options.HistoryMaxMessages, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_the_context_is_too_long_the_model_is_asked_once_more_with_half_the_history()
    {
        ActiveSession(("q1", "a1"), ("q2", "a2"), ("q3", "a3"));
        ModelAnswers(new ChatModelResult.ContextTooLong(), new ChatModelResult.Answered("short answer", null));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q4"), CancellationToken.None);

        outcome.Should().BeOfType<AskOutcome.Answered>();
        _modelRequests.Should().HaveCount(2);
        _modelRequests[1].Turns.Count.Should().BeLessThan(_modelRequests[0].Turns.Count);
        _modelRequests[1].Turns[^1].Text.Should().Be("q4");
    }

    [Fact]
    public async Task When_even_half_the_history_is_too_long_the_user_is_told_to_start_anew()
    {
        ActiveSession(("q1", "a1"));
        ModelAnswers(new ChatModelResult.ContextTooLong(), new ChatModelResult.ContextTooLong());

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q2"), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.ConversationTooLong(Language.English));
        _modelRequests.Should().HaveCount(2);
    }

    public static TheoryData<ChatModelResult, AskOutcome> Failures => new()
    {
        { new ChatModelResult.RateLimited(TimeSpan.FromSeconds(30)), new AskOutcome.ModelBusy(Language.English, TimeSpan.FromSeconds(30)) },
        { new ChatModelResult.QuotaExhausted(), new AskOutcome.QuotaExhausted(Language.English) },
        { new ChatModelResult.Blocked("SAFETY"), new AskOutcome.Blocked(Language.English, "SAFETY") },
        { new ChatModelResult.Unavailable("503"), new AskOutcome.ModelUnavailable(Language.English) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_model_failure_becomes_an_outcome_and_the_question_is_still_stored(ChatModelResult failure, AskOutcome expected)
    {
        var session = ActiveSession();
        ModelAnswers(failure);

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "are you there?"), CancellationToken.None);

        outcome.Should().Be(expected);
        session.Messages.Should().ContainSingle().Which.Text.Should().Be("are you there?");
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_persian_speaker_gets_outcomes_in_persian()
    {
        ModelAnswers(new ChatModelResult.Unavailable("down"));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Maryam, ChatId, "سلام"), CancellationToken.None);

        outcome.Language.Should().Be(Language.Persian);
    }

    [Fact]
    public async Task A_new_user_is_registered_and_cached_only_after_the_save()
    {
        ModelAnswers(new ChatModelResult.Answered("ok", null));
        var cachedAtSave = true;
        _unitOfWork.When(unit => unit.SaveChangesAsync(Arg.Any<CancellationToken>()))
            .Do(_ => cachedAtSave = _cache.Entries.ContainsKey(UserRegistry.CacheKey(Profiles.Sara.Id)));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        _users.Received(1).Add(Arg.Is<User>(user => user.Id == Profiles.Sara.Id));
        cachedAtSave.Should().BeFalse();
        _cache.Entries.Should().ContainKey(UserRegistry.CacheKey(Profiles.Sara.Id));
    }

    [Fact]
    public async Task A_recently_seen_user_is_answered_without_reading_the_user_table()
    {
        ModelAnswers(new ChatModelResult.Answered("ok", null), new ChatModelResult.Answered("ok again", null));
        var handler = Handler();

        await handler.Handle(new AskCommand(Profiles.Sara, ChatId, "q1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await handler.Handle(new AskCommand(Profiles.Sara, ChatId, "q2"), CancellationToken.None);

        await _users.Received(1).FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_answers_tokens_are_added_to_the_users_count_for_the_day_once_it_is_stored()
    {
        var key = DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow());
        _cache.Counters[key] = 100;
        ModelAnswers(new ChatModelResult.Answered("ok", new TokenUsage(30, 12)));
        long? countAtSave = null;
        _unitOfWork.When(unit => unit.SaveChangesAsync(Arg.Any<CancellationToken>())).Do(_ => countAtSave = _cache.Counters[key]);

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        countAtSave.Should().Be(100);
        _cache.Counters[key].Should().Be(142);
    }

    [Fact]
    public async Task A_failed_answer_costs_no_tokens()
    {
        var key = DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow());
        _cache.Counters[key] = 100;
        ModelAnswers(new ChatModelResult.Unavailable("down"));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        _cache.Counters[key].Should().Be(100);
    }

    [Fact]
    public async Task A_user_marked_as_having_blocked_the_bot_is_unmarked_by_writing_again()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        stored.MarkBlockedBot(_time.GetUtcNow().AddHours(-1));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        ModelAnswers(new ChatModelResult.Answered("welcome back", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "I'm back"), CancellationToken.None);

        stored.HasBlockedBot.Should().BeFalse();
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_user_the_cache_let_go_of_and_seen_recently_is_read_but_not_written_again()
    {
        var seen = _time.GetUtcNow().AddMinutes(-2);
        var stored = User.Register(Profiles.Sara, seen);
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        ModelAnswers(new ChatModelResult.Answered("ok", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        stored.LastSeenAt.Should().Be(seen, "last seen is kept to within five minutes, as with a cached copy");
        ((UserSnapshot)_cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)]).LastSeenAt.Should().Be(seen);
    }

    [Theory]
    [InlineData(6, false, "sara")]
    [InlineData(2, true, "sara")]
    [InlineData(2, false, "sara_new")]
    public async Task A_user_read_from_the_database_is_refreshed_when_last_seen_long_ago_blocked_or_renamed(
        int minutesSinceSeen, bool blockedBot, string username)
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddMinutes(-minutesSinceSeen));
        if (blockedBot)
        {
            stored.MarkBlockedBot(_time.GetUtcNow().AddMinutes(-1));
        }

        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        ModelAnswers(new ChatModelResult.Answered("ok", null));

        await Handler().Handle(new AskCommand(Profiles.Sara with { Username = username }, ChatId, "q"), CancellationToken.None);

        stored.LastSeenAt.Should().Be(_time.GetUtcNow());
        stored.HasBlockedBot.Should().BeFalse();
        stored.Username.Should().Be(username);
        ((UserSnapshot)_cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)]).LastSeenAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task A_cached_users_persona_chooses_the_system_prompt_without_reading_the_user_table()
    {
        _cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)] =
            new UserSnapshot(Profiles.Sara.Id, "sara", "Sara", null, Language.English, null, Persona.Translator, _time.GetUtcNow());
        ModelAnswers(new ChatModelResult.Answered("سلام", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "Hello"), CancellationToken.None);

        _modelRequests.Should().ContainSingle().Which.SystemInstruction.Should().Be(PersonaPrompts.Translator);
        await _users.DidNotReceiveWithAnyArgs().FindAsync(default, default);
    }

    [Fact]
    public async Task The_assistant_persona_uses_the_configured_prompt()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        stored.ChoosePersona(Persona.Assistant);
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        ModelAnswers(new ChatModelResult.Answered("ok", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q"), CancellationToken.None);

        _modelRequests.Should().ContainSingle().Which.SystemInstruction.Should().Be("Be kind.");
    }

    [Theory]
    [InlineData(Persona.Translator)]
    [InlineData(Persona.CodeHelper)]
    [InlineData(Persona.WritingEditor)]
    [InlineData(Persona.Tutor)]
    public void Every_other_persona_has_its_own_built_in_prompt(Persona persona)
    {
        var prompt = PersonaPrompts.For(persona, "Be kind.");

        prompt.Should().NotBe("Be kind.").And.NotBeNullOrWhiteSpace();
        PersonaTags.All.Where(other => other != persona).Select(other => PersonaPrompts.For(other, "Be kind.")).Should().NotContain(prompt);
    }

    private AskCommandHandler Handler() =>
        new(
            new UserRegistry(_users, _cache),
            _sessions,
            _unitOfWork,
            _model,
            new DailyTokenQuota(Options.Create(_access), _cache, _sessions, NullLogger<DailyTokenQuota>.Instance),
            _time,
            Options.Create(_options));

    private void ModelAnswers(params ChatModelResult[] results)
    {
        var queue = new Queue<ChatModelResult>(results);
        _model.GenerateAsync(Arg.Do<ChatModelRequest>(request => _modelRequests.Add(request with { Turns = [.. request.Turns] })), Arg.Any<CancellationToken>())
            .Returns(_ => queue.Dequeue());
    }

    private Session ActiveSession(params (string Question, string Answer)[] exchanges)
    {
        var session = Session.Start(Profiles.Sara.Id, ChatId, _time.GetUtcNow());
        foreach (var (question, answer) in exchanges)
        {
            session.AddUserMessage(question, _time.GetUtcNow());
            session.AddModelMessage(answer, null, _time.GetUtcNow());
        }

        _sessions.FindActiveAsync(ChatId, Profiles.Sara.Id, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(session);
        return session;
    }
}
