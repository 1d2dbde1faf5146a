namespace CleanBot.Presentation.Bot.Telegram.Formatting;

internal enum HtmlTokenKind
{
    Character,
    Entity,
    OpeningTag,
    ClosingTag,
}
