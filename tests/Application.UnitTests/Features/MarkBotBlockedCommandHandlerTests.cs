using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.MarkBotBlocked;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class MarkBotBlockedCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_stored_user_is_marked_saved_and_dropped_from_the_cache()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        _cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)] = UserSnapshot.Of(stored);

        var marked = await Handler().Handle(new MarkBotBlockedCommand(Profiles.Sara.Id), CancellationToken.None);

        marked.Should().BeTrue();
        stored.BlockedBotAt.Should().Be(_time.GetUtcNow());
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
        _cache.Entries.Should().NotContainKey(UserRegistry.CacheKey(Profiles.Sara.Id), "the next message must reach the record to clear the mark");
    }

    [Fact]
    public async Task A_user_never_stored_is_left_alone()
    {
        var marked = await Handler().Handle(new MarkBotBlockedCommand(Profiles.Sara.Id), CancellationToken.None);

        marked.Should().BeFalse();
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    private MarkBotBlockedCommandHandler Handler() => new(_users, _unitOfWork, _cache, _time);
}
