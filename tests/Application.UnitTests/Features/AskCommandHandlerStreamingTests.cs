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

/// <summary>A question asked with an <see cref="IAnswerProgress"/> is streamed; everything else stays as it was.</summary>
public sealed class AskCommandHandlerStreamingTests
{
    private const long ChatId = 1000;

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly IAnswerProgress _progress = Substitute.For<IAnswerProgress>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ConversationOptions _options = new() { SystemPrompt = "Be kind.", HistoryMaxMessages = 6, HistoryMaxCharacters = 1000 };
    private readonly AccessOptions _access = new() { DailyTokenQuota = 10_000 };
    private readonly List<ChatModelRequest> _streamed = [];

    [Fact]
    public async Task A_question_with_progress_is_streamed_to_it_and_the_final_answer_is_stored_with_its_usage()
    {
        var session = ActiveSession();
        StreamAnswers(new ChatModelResult.Answered("Hello there", new TokenUsage(10, 4)));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "hi", Progress: _progress), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.Answered(Language.English, "Hello there"));
        _streamed.Should().ContainSingle().Which.SystemInstruction.Should().Be("Be kind.");
        await _model.DidNotReceiveWithAnyArgs().GenerateAsync(default!, default);
        session.Messages.Select(m => m.Text).Should().Equal("hi", "Hello there");
        session.Messages[1].OutputTokens.Should().Be(4);
        _cache.Counters[DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow())].Should().Be(14);
    }

    [Fact]
    public async Task A_question_without_progress_is_not_streamed()
    {
        ActiveSession();
        _model.GenerateAsync(Arg.Any<ChatModelRequest>(), Arg.Any<CancellationToken>()).Returns(new ChatModelResult.Answered("ok", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "hi"), CancellationToken.None);

        await _model.DidNotReceiveWithAnyArgs().StreamAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_too_long_conversation_is_streamed_again_with_half_the_history()
    {
        ActiveSession(("q1", "a1"), ("q2", "a2"), ("q3", "a3"));
        StreamAnswers(new ChatModelResult.ContextTooLong(), new ChatModelResult.Answered("short", null));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "q4", Progress: _progress), CancellationToken.None);

        outcome.Should().BeOfType<AskOutcome.Answered>();
        _streamed.Should().HaveCount(2);
        _streamed[1].Turns.Count.Should().BeLessThan(_streamed[0].Turns.Count);
    }

    [Fact]
    public async Task A_stream_that_fails_part_way_keeps_the_question_and_stores_no_answer()
    {
        var session = ActiveSession();
        StreamAnswers(new ChatModelResult.Unavailable("stream interrupted"));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "tell me", Progress: _progress), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.ModelUnavailable(Language.English));
        session.Messages.Select(m => m.Text).Should().Equal("tell me");
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
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

    private void StreamAnswers(params ChatModelResult[] results)
    {
        var queue = new Queue<ChatModelResult>(results);
        _model.StreamAsync(
                Arg.Do<ChatModelRequest>(request => _streamed.Add(request with { Turns = [.. request.Turns] })),
                _progress,
                Arg.Any<CancellationToken>())
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
