using CleanBot.Domain.Users;

namespace CleanBot.Presentation.Bot.Telegram.Menus;

/// <summary>
/// The callback_data of the bot's buttons: "mode:&lt;persona tag&gt;" and "lang:&lt;en|fa&gt;". Telegram returns the data
/// of any button the bot ever sent, and a client can send anything, so it is read strictly: exactly these shapes, the
/// tags exactly as written, nothing else.
/// </summary>
internal static class ButtonData
{
    /// <summary>Telegram's limit for callback_data, in bytes; every tag is ASCII.</summary>
    public const int MaxLength = 64;

    private const string PersonaPrefix = "mode:";
    private const string LanguagePrefix = "lang:";

    public static string For(Persona persona) => PersonaPrefix + persona.ToTag();

    public static string For(Language language) => LanguagePrefix + language.ToTag();

    public static bool TryParse(string? data, out MenuChoice? choice)
    {
        choice = null;
        if (data is null || data.Length > MaxLength)
        {
            return false;
        }

        var text = data.AsSpan();
        if (text.StartsWith(PersonaPrefix, StringComparison.Ordinal) && PersonaTags.TryFromTag(text[PersonaPrefix.Length..], out var persona))
        {
            choice = new MenuChoice.OfPersona(persona);
        }
        else if (text.StartsWith(LanguagePrefix, StringComparison.Ordinal) && TryReadLanguage(text[LanguagePrefix.Length..], out var language))
        {
            choice = new MenuChoice.OfLanguage(language);
        }

        return choice is not null;
    }

    // LanguageCodes.FromTag reads anything as English; a button must name a language exactly.
    private static bool TryReadLanguage(ReadOnlySpan<char> tag, out Language language)
    {
        foreach (var candidate in (ReadOnlySpan<Language>)[Language.English, Language.Persian])
        {
            if (tag.Equals(candidate.ToTag(), StringComparison.Ordinal))
            {
                language = candidate;
                return true;
            }
        }

        language = Language.English;
        return false;
    }
}
