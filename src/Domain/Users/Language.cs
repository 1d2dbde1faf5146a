namespace CleanBot.Domain.Users;

/// <summary>The languages the bot speaks. Anything a user's client reports other than Persian is English.</summary>
public enum Language
{
    English = 0,
    Persian = 1,
}
