using CleanBot.Domain.Users;

namespace CleanBot.Domain.UnitTests.Users;

public sealed class UserPreferenceTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_user_talks_to_the_assistant_in_the_language_Telegram_reports()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "fa-IR"), Monday);

        user.Persona.Should().Be(Persona.Assistant);
        user.ChosenLanguage.Should().BeNull();
        user.ReportedLanguage.Should().Be(Language.Persian);
        user.Language.Should().Be(Language.Persian);
    }

    [Fact]
    public void Choosing_a_persona_says_whether_it_changed()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);

        user.ChoosePersona(Persona.Translator).Should().BeTrue();
        user.ChoosePersona(Persona.Translator).Should().BeFalse();

        user.Persona.Should().Be(Persona.Translator);
    }

    [Fact]
    public void A_persona_outside_the_set_is_refused()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);

        var choose = () => user.ChoosePersona((Persona)99);

        choose.Should().Throw<ArgumentOutOfRangeException>();
        user.Persona.Should().Be(Persona.Assistant);
    }

    [Fact]
    public void A_chosen_language_wins_over_the_reported_one_and_survives_refreshes()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);

        user.ChooseLanguage(Language.Persian);
        user.Refresh(new UserProfile(42, null, "Sara", null, "en-US"), Monday.AddDays(1));

        user.Language.Should().Be(Language.Persian);
        user.ReportedLanguage.Should().Be(Language.English);
        user.ChosenLanguage.Should().Be(Language.Persian);
    }

    [Fact]
    public void Refreshing_keeps_the_persona()
    {
        var user = User.Register(new UserProfile(42, null, "Sara", null, "en"), Monday);
        user.ChoosePersona(Persona.Tutor);

        user.Refresh(new UserProfile(42, "sara", "Sara", null, "fa"), Monday.AddDays(1));

        user.Persona.Should().Be(Persona.Tutor);
    }
}
