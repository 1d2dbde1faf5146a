using CleanBot.Application.Common.Users;
using CleanBot.Domain.Users;

namespace CleanBot.Application.UnitTests.Common;

public sealed class UserSnapshotTests
{
    [Fact]
    public void A_user_who_chose_Persian_on_an_English_client_still_matches_what_Telegram_reports()
    {
        var user = User.Register(Profiles.Sara, DateTimeOffset.UnixEpoch);
        user.ChooseLanguage(Language.Persian);

        var snapshot = UserSnapshot.Of(user);

        snapshot.Matches(Profiles.Sara).Should().BeTrue();
        snapshot.Language.Should().Be(Language.Persian);
    }

    [Fact]
    public void A_client_that_switched_language_no_longer_matches_even_when_a_language_was_chosen()
    {
        var user = User.Register(Profiles.Sara, DateTimeOffset.UnixEpoch);
        user.ChooseLanguage(Language.Persian);

        UserSnapshot.Of(user).Matches(Profiles.Sara with { LanguageTag = "fa" }).Should().BeFalse();
    }
}
