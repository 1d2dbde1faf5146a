using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Preferences.ChoosePersona;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features.Preferences;

public sealed class ChoosePersonaCommandHandlerTests
{
    private const long ChatId = 7;

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_persona_is_stored_cached_after_the_save_and_ends_the_conversation_in_the_chat()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);
        var session = Session.Start(Profiles.Sara.Id, ChatId, _time.GetUtcNow().AddHours(-1));
        _sessions.FindActiveAsync(ChatId, Profiles.Sara.Id, 0, Arg.Any<CancellationToken>()).Returns(session);
        var cachedAtSave = true;
        _unitOfWork.When(unit => unit.SaveChangesAsync(Arg.Any<CancellationToken>()))
            .Do(_ => cachedAtSave = _cache.Entries.ContainsKey(UserRegistry.CacheKey(Profiles.Sara.Id)));

        var outcome = await Handler().Handle(new ChoosePersonaCommand(Profiles.Sara, ChatId, Persona.Translator), CancellationToken.None);

        outcome.Should().Be(new ChoosePersonaOutcome.Chosen(Language.English, Persona.Translator, Changed: true, SessionEnded: true));
        stored.Persona.Should().Be(Persona.Translator);
        session.IsActive.Should().BeFalse();
        cachedAtSave.Should().BeFalse();
        _cache.Entries[UserRegistry.CacheKey(Profiles.Sara.Id)].As<UserSnapshot>().Persona.Should().Be(Persona.Translator);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_same_persona_again_keeps_the_conversation()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        stored.ChoosePersona(Persona.Tutor);
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);

        var outcome = await Handler().Handle(new ChoosePersonaCommand(Profiles.Sara, ChatId, Persona.Tutor), CancellationToken.None);

        outcome.Should().Be(new ChoosePersonaOutcome.Chosen(Language.English, Persona.Tutor, Changed: false, SessionEnded: false));
        await _sessions.DidNotReceiveWithAnyArgs().FindActiveAsync(default, default, default, default);
    }

    [Fact]
    public async Task A_first_time_user_is_registered_with_the_persona_and_answered_in_their_language()
    {
        User? added = null;
        _users.Add(Arg.Do<User>(user => added = user));

        var outcome = await Handler().Handle(new ChoosePersonaCommand(Profiles.Maryam, ChatId, Persona.CodeHelper), CancellationToken.None);

        outcome.Should().Be(new ChoosePersonaOutcome.Chosen(Language.Persian, Persona.CodeHelper, Changed: true, SessionEnded: false));
        added!.Persona.Should().Be(Persona.CodeHelper);
    }

    private ChoosePersonaCommandHandler Handler() => new(new UserRegistry(_users, _cache), _sessions, _unitOfWork, _time);
}
