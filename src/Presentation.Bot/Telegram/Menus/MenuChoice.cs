using CleanBot.Domain.Users;

namespace CleanBot.Presentation.Bot.Telegram.Menus;

/// <summary>What a button of one of the bot's menus stands for.</summary>
internal abstract record MenuChoice
{
    private MenuChoice()
    {
    }

    /// <summary>A persona from the <c>/mode</c> menu.</summary>
    public sealed record OfPersona(Persona Persona) : MenuChoice;

    /// <summary>A language from the <c>/lang</c> menu.</summary>
    public sealed record OfLanguage(Language Language) : MenuChoice;
}
