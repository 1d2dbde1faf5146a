using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>
/// Registers or refreshes the user behind a request. A cached snapshot that still matches what Telegram reports,
/// and was written recently, answers without touching the database: "last seen" is kept to within
/// <see cref="LastSeenResolution"/>, which saves a read and a write on almost every message. A stored record as
/// recent is not written again either, when the cache no longer held it.
/// </summary>
public sealed class UserRegistry(IUserRepository users, ICache cache)
{
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan CacheTimeToLive = TimeSpan.FromHours(1);

    public static string CacheKey(long userId) => $"user:{userId}";

    /// <summary>Stages a registration or refresh when one is due. Commit the unit of work, then call <see cref="RememberAsync"/>.</summary>
    public async Task<UserVisit> VisitAsync(UserProfile profile, DateTimeOffset now, bool forceRefresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!forceRefresh)
        {
            var cached = await cache.GetAsync<UserSnapshot>(CacheKey(profile.Id), cancellationToken);
            if (cached is not null && IsRecent(cached, profile, now))
            {
                return new UserVisit(cached.Language, SnapshotToCache: null, IsNewUser: false, cached.Persona);
            }
        }

        var (user, isNew) = await FindOrRegisterAsync(profile, now, forceRefresh, cancellationToken);
        return new UserVisit(user.Language, UserSnapshot.Of(user), isNew, user.Persona);
    }

    /// <summary>
    /// Stages a change the user asked for (a persona, a language) together with a refresh of their record, and returns
    /// the visit as it stands after the change. Commit the unit of work, then call <see cref="RememberAsync"/>.
    /// </summary>
    public async Task<UserVisit> ChangeAsync(UserProfile profile, DateTimeOffset now, Action<User> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(change);
        var (user, isNew) = await FindOrRegisterAsync(profile, now, forceRefresh: true, cancellationToken);
        change(user);
        return new UserVisit(user.Language, UserSnapshot.Of(user), isNew, user.Persona);
    }

    /// <summary>The language a user is answered in, read without writing: cache, then database, then the profile.</summary>
    public async Task<Language> LanguageOfAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var cached = await cache.GetAsync<UserSnapshot>(CacheKey(profile.Id), cancellationToken);
        if (cached is not null)
        {
            return cached.Language;
        }

        var user = await users.FindAsync(profile.Id, cancellationToken);
        return user?.Language ?? profile.Language;
    }

    /// <summary>The language and persona a user is answered in, read without writing: cache, then database, then the
    /// defaults for someone never seen.</summary>
    public async Task<UserPreferences> PreferencesOfAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var cached = await cache.GetAsync<UserSnapshot>(CacheKey(profile.Id), cancellationToken);
        if (cached is not null)
        {
            return new UserPreferences(cached.Language, cached.Persona);
        }

        var user = await users.FindAsync(profile.Id, cancellationToken);
        return user is null ? new UserPreferences(profile.Language, Persona.Assistant) : new UserPreferences(user.Language, user.Persona);
    }

    /// <summary>Caches the committed state of the user, so other requests (and other instances) read it from there.</summary>
    public ValueTask RememberAsync(UserVisit visit, CancellationToken cancellationToken) =>
        visit.SnapshotToCache is { } snapshot
            ? cache.SetAsync(CacheKey(snapshot.Id), snapshot, CacheTimeToLive, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Telegram still reports what is stored, and the user was seen within the resolution.</summary>
    private static bool IsRecent(UserSnapshot stored, UserProfile profile, DateTimeOffset now) =>
        stored.Matches(profile) && now - stored.LastSeenAt < LastSeenResolution;

    private async Task<(User User, bool IsNew)> FindOrRegisterAsync(
        UserProfile profile, DateTimeOffset now, bool forceRefresh, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(profile.Id, cancellationToken);
        if (user is null)
        {
            user = User.Register(profile, now);
            users.Add(user);
            return (user, true);
        }

        // A record the cache let go of (when full, or after a restart) is often as recent as a cached copy would be.
        if (forceRefresh || user.HasBlockedBot || !IsRecent(UserSnapshot.Of(user), profile, now))
        {
            user.Refresh(profile, now);
        }

        return (user, false);
    }
}
