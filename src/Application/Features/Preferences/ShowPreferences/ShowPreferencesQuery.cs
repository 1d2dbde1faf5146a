using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ShowPreferences;

/// <summary>A person opens a menu of settings (<c>/mode</c>, <c>/lang</c>): what is set now, to mark it.</summary>
public sealed record ShowPreferencesQuery(UserProfile Profile) : IRequest<ShowPreferencesOutcome>, IUserRequest;
