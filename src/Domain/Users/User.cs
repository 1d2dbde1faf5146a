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

    /// <summary>The language the bot speaks to this user: their own choice (<c>/lang</c>) when they made one, otherwise
    /// the one their Telegram client reports.</summary>
    public Language Language => ChosenLanguage ?? ReportedLanguage;

    /// <summary>The language Telegram reports with each message; it follows the user's client.</summary>
    public Language ReportedLanguage { get; private set; }

    /// <summary>The language the user picked; null while they leave it to Telegram.</summary>
    public Language? ChosenLanguage { get; private set; }

    /// <summary>The chat mode the user's questions are answered in.</summary>
    public Persona Persona { get; private set; }

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
    /// Records a new sighting: names and the reported language follow what Telegram reports now (a chosen language
    /// stays). A user who writes has unblocked
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

    /// <summary>Puts the user's questions into another chat mode.</summary>
    /// <returns>False when the user was in that mode already.</returns>
    public bool ChoosePersona(Persona persona)
    {
        if (!Enum.IsDefined(persona))
        {
            throw new ArgumentOutOfRangeException(nameof(persona), persona, null);
        }

        var changed = Persona != persona;
        Persona = persona;
        return changed;
    }

    /// <summary>The bot speaks <paramref name="language"/> to the user from now on, whatever Telegram reports.</summary>
    public void ChooseLanguage(Language language)
    {
        if (!Enum.IsDefined(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, null);
        }

        ChosenLanguage = language;
    }

    /// <summary>Telegram refused a message to this user: they blocked the bot. The first refusal's time is kept.</summary>
    public void MarkBlockedBot(DateTimeOffset now) => BlockedBotAt ??= now;

    private void Apply(UserProfile profile)
    {
        Username = profile.Username;
        FirstName = profile.FirstName;
        LastName = profile.LastName;
        ReportedLanguage = LanguageCodes.FromTag(profile.LanguageTag);
    }
}
