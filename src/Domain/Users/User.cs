namespace CleanBot.Domain.Users;

/// <summary>A person who has written to the bot, identified by their Telegram user id.</summary>
public sealed class User
{
    private User(long id, DateTimeOffset firstSeenAt)
    {
        Id = id;
        FirstSeenAt = firstSeenAt;
        LastSeenAt = firstSeenAt;
    }

    public long Id { get; private set; }

    public string? Username { get; private set; }

    public string FirstName { get; private set; } = string.Empty;

    public string? LastName { get; private set; }

    public Language Language { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>When a message to this user was refused because they blocked the bot (or their account is gone);
    /// null while messages can reach them.</summary>
    public DateTimeOffset? BlockedBotAt { get; private set; }

    public bool HasBlockedBot => BlockedBotAt is not null;

    public static User Register(UserProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var user = new User(profile.Id, now);
        user.Apply(profile);
        return user;
    }

    /// <summary>
    /// Records a new sighting: names and language follow what Telegram reports now. A user who writes has unblocked
    /// the bot, so a block mark is cleared.
    /// </summary>
    public void Refresh(UserProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Id != Id)
        {
            throw new ArgumentException($"Profile of user {profile.Id} cannot refresh user {Id}.", nameof(profile));
        }

        Apply(profile);
        BlockedBotAt = null;
        if (now > LastSeenAt)
        {
            LastSeenAt = now;
        }
    }

    /// <summary>Telegram refused a message to this user: they blocked the bot. The first refusal's time is kept.</summary>
    public void MarkBlockedBot(DateTimeOffset now) => BlockedBotAt ??= now;

    private void Apply(UserProfile profile)
    {
        Username = profile.Username;
        FirstName = profile.FirstName;
        LastName = profile.LastName;
        Language = LanguageCodes.FromTag(profile.LanguageTag);
    }
}
