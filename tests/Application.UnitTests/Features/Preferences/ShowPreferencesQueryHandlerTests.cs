using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Preferences.ShowPreferences;
using CleanBot.Domain.Users;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features.Preferences;

public sealed class ShowPreferencesQueryHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly DictionaryCache _cache = new();

    [Fact]
    public async Task Someone_never_seen_is_shown_the_assistant_in_their_clients_language_and_nothing_is_stored()
    {
        var outcome = await Handler().Handle(new ShowPreferencesQuery(Profiles.Maryam), CancellationToken.None);

        outcome.Should().Be(new ShowPreferencesOutcome.Shown(Language.Persian, Persona.Assistant));
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task A_stored_user_is_shown_their_persona_and_chosen_language()
    {
        var stored = User.Register(Profiles.Maryam, DateTimeOffset.UnixEpoch);
        stored.ChoosePersona(Persona.WritingEditor);
        stored.ChooseLanguage(Language.English);
        _users.FindAsync(Profiles.Maryam.Id, Arg.Any<CancellationToken>()).Returns(stored);

        var outcome = await Handler().Handle(new ShowPreferencesQuery(Profiles.Maryam), CancellationToken.None);

        outcome.Should().Be(new ShowPreferencesOutcome.Shown(Language.English, Persona.WritingEditor));
    }

    [Fact]
    public async Task A_cached_user_is_shown_without_reading_the_database()
    {
        _cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)] =
            new UserSnapshot(Profiles.Sara.Id, "sara", "Sara", null, Language.English, null, Persona.Tutor, DateTimeOffset.UnixEpoch);

        var outcome = await Handler().Handle(new ShowPreferencesQuery(Profiles.Sara), CancellationToken.None);

        outcome.Should().Be(new ShowPreferencesOutcome.Shown(Language.English, Persona.Tutor));
        await _users.DidNotReceiveWithAnyArgs().FindAsync(default, default);
    }

    private ShowPreferencesQueryHandler Handler() => new(new UserRegistry(_users, _cache));
}
