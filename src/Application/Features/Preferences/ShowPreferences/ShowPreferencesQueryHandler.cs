using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ShowPreferences;

public sealed class ShowPreferencesQueryHandler(UserRegistry registry) : IRequestHandler<ShowPreferencesQuery, ShowPreferencesOutcome>
{
    public async Task<ShowPreferencesOutcome> Handle(ShowPreferencesQuery request, CancellationToken cancellationToken)
    {
        var preferences = await registry.PreferencesOfAsync(request.Profile, cancellationToken);
        return new ShowPreferencesOutcome.Shown(preferences.Language, preferences.Persona);
    }
}
