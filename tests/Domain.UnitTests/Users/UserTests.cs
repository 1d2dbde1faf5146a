using CleanBot.Domain.Users;

namespace CleanBot.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registering_records_the_profile_and_first_sighting()
    {
        var user = User.Register(new UserProfile(42, "sara", "سارا", "رضایی", "fa-IR"), Monday);

        user.Id.Should().Be(42);
        user.Username.Should().Be("sara");
        user.FirstName.Should().Be("سارا");
        user.LastName.Should().Be("رضایی");
        user.Language.Should().Be(Language.Persian);
        user.FirstSeenAt.Should().Be(Monday);
        user.LastSeenAt.Should().Be(Monday);
    }

    [Fact]
    public void Refreshing_follows_the_profile_and_moves_last_seen_forward_only()
    {
        var user = User.Register(new UserProfile(42, "sara", "Sara", null, "en"), Monday);

        user.Refresh(new UserProfile(42, "sara_r", "Sara", "R", "fa"), Monday.AddDays(1));
        user.Refresh(new UserProfile(42, "sara_r", "Sara", "R", "fa"), Monday.AddHours(1));

        user.Username.Should().Be("sara_r");
        user.LastName.Should().Be("R");
        user.Language.Should().Be(Language.Persian);
        user.FirstSeenAt.Should().Be(Monday);
        user.LastSeenAt.Should().Be(Monday.AddDays(1));
    }

    [Fact]
    public void Refreshing_with_another_users_profile_is_refused()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);

        var refresh = () => user.Refresh(new UserProfile(43, null, "Ali", null, "en"), Monday);

        refresh.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_block_mark_keeps_the_first_refusal_and_is_cleared_when_the_user_writes_again()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);

        user.MarkBlockedBot(Monday.AddHours(1));
        user.MarkBlockedBot(Monday.AddHours(2));

        user.HasBlockedBot.Should().BeTrue();
        user.BlockedBotAt.Should().Be(Monday.AddHours(1));

        user.Refresh(new UserProfile(42, null, "Sara", null, "en"), Monday.AddHours(3));

        user.HasBlockedBot.Should().BeFalse();
        user.BlockedBotAt.Should().BeNull();
    }
}
