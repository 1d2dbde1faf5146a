using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Start;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class StartCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_first_start_registers_the_user_and_welcomes_them_as_new()
    {
        var outcome = await Handler().Handle(new StartCommand(Profiles.Maryam), CancellationToken.None);

        outcome.Should().Be(new StartOutcome.Welcomed(Language.Persian, "مریم", IsNewUser: true));
        _users.Received(1).Add(Arg.Is<User>(user => user.Id == Profiles.Maryam.Id && user.Language == Language.Persian));
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_returning_user_is_refreshed_even_when_cached()
    {
        var stored = User.Register(Profiles.Sara with { Username = "old_name" }, _time.GetUtcNow().AddDays(-3));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        _cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)] = UserSnapshot.Of(stored);

        var outcome = await Handler().Handle(new StartCommand(Profiles.Sara), CancellationToken.None);

        outcome.Should().Be(new StartOutcome.Welcomed(Language.English, "Sara", IsNewUser: false));
        stored.Username.Should().Be("sara");
        stored.LastSeenAt.Should().Be(_time.GetUtcNow());
        _users.DidNotReceive().Add(Arg.Any<User>());
        ((UserSnapshot)_cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)]).Username.Should().Be("sara");
    }

    [Fact]
    public async Task A_start_refreshes_even_a_user_seen_a_moment_ago()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddMinutes(-1));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);

        await Handler().Handle(new StartCommand(Profiles.Sara), CancellationToken.None);

        stored.LastSeenAt.Should().Be(_time.GetUtcNow());
    }

    private StartCommandHandler Handler() => new(new UserRegistry(_users, _cache), _unitOfWork, _time);
}
