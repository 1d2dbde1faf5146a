using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>
/// Registers or refreshes the user behind a request. A cached snapshot that still matches what Telegram reports,
/// and was written recently, answers without touching the database: "last seen" is kept to within
/// <see cref="LastSeenResolution"/>, which saves a read and a write on almost every message.
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
            if (cached is not null && cached.Matches(profile) && now - cached.LastSeenAt < LastSeenResolution)
            {
                return new UserVisit(cached.Language, SnapshotToCache: null, IsNewUser: false);
            }
        }

        var user = await users.FindAsync(profile.Id, cancellationToken);
        var isNew = user is null;
        if (user is null)
        {
            user = User.Register(profile, now);
            users.Add(user);
        }
        else
        {
            user.Refresh(profile, now);
        }

        return new UserVisit(user.Language, UserSnapshot.Of(user), isNew);
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

    /// <summary>Caches the committed state of the user, so other requests (and other instances) read it from there.</summary>
    public ValueTask RememberAsync(UserVisit visit, CancellationToken cancellationToken) =>
        visit.SnapshotToCache is { } snapshot
            ? cache.SetAsync(CacheKey(snapshot.Id), snapshot, CacheTimeToLive, cancellationToken)
            : ValueTask.CompletedTask;
}
