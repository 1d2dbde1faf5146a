namespace CleanBot.Domain.Users;

/// <summary>The chat modes a person can put the bot in; each answers with its own instructions to the model.</summary>
public enum Persona
{
    Assistant = 0,
    Translator = 1,
    CodeHelper = 2,
    WritingEditor = 3,
    Tutor = 4,
}
