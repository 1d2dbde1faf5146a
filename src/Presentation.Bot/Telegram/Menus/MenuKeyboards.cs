using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace CleanBot.Presentation.Bot.Telegram.Menus;

/// <summary>The inline keyboards of <c>/mode</c> and <c>/lang</c>: one button per choice, the current one ticked.</summary>
internal static class MenuKeyboards
{
    private const string Tick = "✅ ";

    public static InlineKeyboardMarkup Personas(BotTexts texts, Persona current)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return new InlineKeyboardMarkup(PersonaTags.All.Select(persona =>
            new[] { InlineKeyboardButton.WithCallbackData(Ticked(texts.PersonaName(persona), persona == current), ButtonData.For(persona)) }));
    }

    public static InlineKeyboardMarkup Languages(Language current) =>
        new(new[]
        {
            InlineKeyboardButton.WithCallbackData(Ticked(BotTexts.LanguageName(Language.English), current == Language.English), ButtonData.For(Language.English)),
            InlineKeyboardButton.WithCallbackData(Ticked(BotTexts.LanguageName(Language.Persian), current == Language.Persian), ButtonData.For(Language.Persian)),
        });

    private static string Ticked(string name, bool isCurrent) => isCurrent ? Tick + name : name;
}
