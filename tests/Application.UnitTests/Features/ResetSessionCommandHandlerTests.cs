using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.ResetSession;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class ResetSessionCommandHandlerTests
{
    private const long ChatId = 7;

    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Reset_ends_the_active_session_without_loading_its_messages()
    {
        var session = Session.Start(Profiles.Sara.Id, ChatId, _time.GetUtcNow());
        _sessions.FindActiveAsync(ChatId, Profiles.Sara.Id, 0, Arg.Any<CancellationToken>()).Returns(session);

        var outcome = await Handler().Handle(new ResetSessionCommand(Profiles.Sara, ChatId), CancellationToken.None);

        outcome.Should().Be(new ResetSessionOutcome.Reset(Language.English, HadSession: true));
        session.IsActive.Should().BeFalse();
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reset_without_a_session_says_so()
    {
        var outcome = await Handler().Handle(new ResetSessionCommand(Profiles.Maryam, ChatId), CancellationToken.None);

        outcome.Should().Be(new ResetSessionOutcome.Reset(Language.Persian, HadSession: false));
    }

    private ResetSessionCommandHandler Handler() =>
        new(new UserRegistry(Substitute.For<IUserRepository>(), new DictionaryCache()), _sessions, _unitOfWork, _time);
}
