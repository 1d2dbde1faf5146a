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

/// <summary>A question with an image: the model sees the image with the newest turn only; the session keeps a marker.</summary>
public sealed class AskWithImageTests
{
    private const long ChatId = 1000;

    private static readonly ImageAttachment Photo = new("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 });

    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly IChatModel _model = Substitute.For<IChatModel>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly List<ChatModelRequest> _modelRequests = [];
    private readonly Session _session;

    public AskWithImageTests()
    {
        _session = Session.Start(Profiles.Sara.Id, ChatId, _time.GetUtcNow());
        _session.AddUserMessage("hello", _time.GetUtcNow());
        _session.AddModelMessage("hi!", null, _time.GetUtcNow());
        _sessions.FindActiveAsync(ChatId, Profiles.Sara.Id, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(_session);
    }

    [Fact]
    public async Task The_image_goes_to_the_model_with_the_newest_turn_which_carries_the_marker_and_the_caption()
    {
        ModelAnswers(new ChatModelResult.Answered("A cat.", new TokenUsage(300, 3)));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "what is this?", Photo), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.Answered(Language.English, "A cat."));
        var request = _modelRequests.Should().ContainSingle().Subject;
        request.Image.Should().BeSameAs(Photo);
        request.Turns.Select(turn => turn.Text).Should().Equal("hello", "hi!", "[photo] what is this?");
    }

    [Fact]
    public async Task The_session_stores_the_marker_and_caption_only_and_a_later_question_carries_no_image()
    {
        ModelAnswers(new ChatModelResult.Answered("A cat.", null), new ChatModelResult.Answered("Grey.", null));
        var handler = Handler();

        await handler.Handle(new AskCommand(Profiles.Sara, ChatId, "what is this?", Photo), CancellationToken.None);
        await handler.Handle(new AskCommand(Profiles.Sara, ChatId, "which colour?"), CancellationToken.None);

        _session.Messages.Select(m => m.Text).Should().Equal("hello", "hi!", "[photo] what is this?", "A cat.", "which colour?", "Grey.");
        _modelRequests[1].Image.Should().BeNull();
    }

    [Fact]
    public async Task When_the_context_is_too_long_the_shorter_retry_still_carries_the_image()
    {
        ModelAnswers(new ChatModelResult.ContextTooLong(), new ChatModelResult.Answered("A cat.", null));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "what is this?", Photo), CancellationToken.None);

        _modelRequests.Should().HaveCount(2).And.AllSatisfy(request => request.Image.Should().BeSameAs(Photo));
    }

    [Fact]
    public async Task A_model_failure_still_stores_the_question_with_its_marker_and_costs_no_tokens()
    {
        var key = DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow());
        _cache.Counters[key] = 100;
        ModelAnswers(new ChatModelResult.Unavailable("down"));

        var outcome = await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "what is this?", Photo), CancellationToken.None);

        outcome.Should().Be(new AskOutcome.ModelUnavailable(Language.English));
        _session.Messages[^1].Text.Should().Be("[photo] what is this?");
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
        _cache.Counters[key].Should().Be(100);
    }

    [Fact]
    public async Task An_answers_tokens_for_an_image_count_towards_the_daily_quota()
    {
        var key = DailyTokenQuota.Key(Profiles.Sara.Id, _time.GetUtcNow());
        _cache.Counters[key] = 100;
        ModelAnswers(new ChatModelResult.Answered("A cat.", new TokenUsage(1290, 10)));

        await Handler().Handle(new AskCommand(Profiles.Sara, ChatId, "what is this?", Photo), CancellationToken.None);

        _cache.Counters[key].Should().Be(1400);
    }

    private AskCommandHandler Handler() =>
        new(
            new UserRegistry(Substitute.For<IUserRepository>(), _cache),
            _sessions,
            _unitOfWork,
            _model,
            new DailyTokenQuota(Options.Create(new AccessOptions { DailyTokenQuota = 10_000 }), _cache, _sessions, NullLogger<DailyTokenQuota>.Instance),
            _time,
            Options.Create(new ConversationOptions { SystemPrompt = "Be kind." }));

    private void ModelAnswers(params ChatModelResult[] results)
    {
        var queue = new Queue<ChatModelResult>(results);
        _model.GenerateAsync(Arg.Do<ChatModelRequest>(request => _modelRequests.Add(request with { Turns = [.. request.Turns] })), Arg.Any<CancellationToken>())
            .Returns(_ => queue.Dequeue());
    }
}
