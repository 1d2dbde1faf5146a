using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.Preferences.ChooseLanguage;
using CleanBot.Application.Features.Preferences.ShowPreferences;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features.Preferences;

public sealed class ChooseLanguageCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly DictionaryCache _cache = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_chosen_language_is_stored_and_the_confirmation_is_already_in_it()
    {
        var stored = User.Register(Profiles.Sara, _time.GetUtcNow().AddDays(-1));
        _users.FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>()).Returns(stored);

        var outcome = await Handler().Handle(new ChooseLanguageCommand(Profiles.Sara, Language.Persian), CancellationToken.None);

        outcome.Should().Be(new ChooseLanguageOutcome.Chosen(Language.Persian));
        stored.ChosenLanguage.Should().Be(Language.Persian);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task After_the_choice_menus_and_help_speak_it_from_the_cache_while_Telegram_still_reports_English()
    {
        var registry = new UserRegistry(_users, _cache);
        await new ChooseLanguageCommandHandler(registry, _unitOfWork, _time)
            .Handle(new ChooseLanguageCommand(Profiles.Sara, Language.Persian), CancellationToken.None);

        var shown = await new ShowPreferencesQueryHandler(registry).Handle(new ShowPreferencesQuery(Profiles.Sara), CancellationToken.None);
        var visit = await registry.VisitAsync(Profiles.Sara, _time.GetUtcNow().AddMinutes(1), forceRefresh: false, CancellationToken.None);

        shown.Should().Be(new ShowPreferencesOutcome.Shown(Language.Persian, Persona.Assistant));
        visit.Language.Should().Be(Language.Persian);
        visit.SnapshotToCache.Should().BeNull("the snapshot still matches what Telegram reports, so nothing is read or written");
        await _users.Received(1).FindAsync(Profiles.Sara.Id, Arg.Any<CancellationToken>());
    }

    private ChooseLanguageCommandHandler Handler() => new(new UserRegistry(_users, _cache), _unitOfWork, _time);
}
