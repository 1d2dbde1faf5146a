using CleanBot.Application.Features.Help;
using CleanBot.Domain.Users;

namespace CleanBot.Presentation.Bot.Texts;

internal sealed class EnglishTexts : BotTexts
{
    public override string QuotaExhausted =>
        "I've used up my AI quota for now, so I can't answer. Please try again later (usually tomorrow).";

    public override string Blocked =>
        "I can't answer that one: the AI's safety rules withheld it. Try asking in a different way.";

    public override string ConversationTooLong =>
        "This conversation has grown too long for me to follow. Send /new to start a fresh one.";

    public override string ModelUnavailable =>
        "I can't reach the AI right now. Please try again in a minute; your message is saved.";

    public override string EmptyText => "Please write your question as text.";

    public override string InvalidRequest => "Sorry, I couldn't understand that message.";

    public override string OnlyTextSupported =>
        "I can only read text messages for now. Please write your question in words.";

    public override string UnexpectedError => "Sorry, something went wrong on my side. Please try again.";

    public override string AccessDenied =>
        "Sorry, this is a private bot: it only answers people its owner has given access. I won't be able to reply to your messages.";

    public override string DailyTokenQuotaUsed =>
        "You've used up today's allowance of AI answers. It renews at 00:00 UTC; please write again after that.";

    public override string Welcome(string firstName, bool isNewUser) =>
        isNewUser
            ? $"Hello {firstName}! I'm CleanBot, an AI assistant. Ask me anything, in English or Persian. Send /help to see what I can do."
            : $"Welcome back, {firstName}! Ask me anything. /new starts a fresh conversation.";

    protected override string HelpIntroduction =>
        "Just write to me and I'll answer. I remember our conversation until you start a new one.";

    protected override string MessageLengthLimit(int maxInputCharacters) =>
        $"Messages can be up to {maxInputCharacters} characters long.";

    public override string CommandDescription(BotCommand command) => command switch
    {
        BotCommand.Start => "introduction",
        BotCommand.Help => "what I can do",
        BotCommand.Reset => "forget this conversation",
        BotCommand.New => "start a new conversation",
        BotCommand.Mode => "choose how I answer: assistant, translator, code, writing, tutor",
        BotCommand.Lang => "choose the language I speak to you",
        BotCommand.Usage => "your token usage: today, this month, all time",
        BotCommand.Stats => "bot statistics (admins only)",
        BotCommand.Ask => "ask a question in a group: /ask your question",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    public override string SessionReset(bool hadSession) =>
        hadSession
            ? "Done: I've closed our conversation. Your next message starts a new one."
            : "We're already at a fresh start. Ask me anything.";

    public override string ModelBusy(TimeSpan? retryAfter) =>
        WholeSeconds(retryAfter) is var seconds and > 0
            ? $"The AI is busy right now. Please try again in {seconds} seconds."
            : "The AI is busy right now. Please try again in a little while.";

    public override string TooManyMessages(TimeSpan? retryAfter) =>
        WholeSeconds(retryAfter) is var seconds and > 0
            ? $"You're sending messages faster than I can answer them. Please wait {seconds} seconds, then write again."
            : "You're sending messages faster than I can answer them. Please wait a minute, then write again.";

    public override string TextTooLong(int maxCharacters) =>
        $"That message is too long for me. Please keep it under {maxCharacters} characters, or split it into parts.";

    public override string PersonaName(Persona persona) => persona switch
    {
        Persona.Assistant => "Assistant",
        Persona.Translator => "Translator",
        Persona.CodeHelper => "Code helper",
        Persona.WritingEditor => "Writing editor",
        Persona.Tutor => "Tutor",
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    public override string PersonaDescription(Persona persona) => persona switch
    {
        Persona.Assistant => "answers questions and chats about anything",
        Persona.Translator => "translates Persian to English and English to Persian",
        Persona.CodeHelper => "writes, explains and fixes code",
        Persona.WritingEditor => "corrects and polishes your texts",
        Persona.Tutor => "explains step by step and checks you understood",
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    protected override string PersonaMenuIntroduction(string currentName) =>
        $"Current mode: {currentName}. Choose how I should answer you:";

    public override string PersonaChosen(Persona persona, bool sessionEnded) =>
        sessionEnded
            ? $"Mode: {PersonaName(persona)}. I've started a fresh conversation for it; send /mode to change again."
            : $"Mode: {PersonaName(persona)}. Send /mode to change again.";

    public override string PersonaChosenToast(Persona persona) => $"Mode: {PersonaName(persona)}";

    public override string LanguageMenu => "Choose the language I speak to you:";

    public override string LanguageChosen => "Done: I'll speak English with you from now on. Send /lang to change it.";

    public override string LanguageChosenToast => "Language: English";

    public override string UnknownButton => "This button no longer works. Send /mode or /lang for a fresh menu.";
}
