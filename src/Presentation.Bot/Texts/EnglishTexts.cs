using System.Globalization;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;
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

    public override string DescribeImagePrompt => "Describe this image.";

    public override string ImageEmpty => "That image arrived empty. Please send it again.";

    public override string ImageTypeNotSupported =>
        "I can read JPEG, PNG, WebP and HEIC images only. Please send the image in one of those formats.";

    public override string UnexpectedError => "Sorry, something went wrong on my side. Please try again.";

    public override string AccessDenied =>
        "Sorry, this is a private bot: it only answers people its owner has given access. I won't be able to reply to your messages.";

    public override string DailyTokenQuotaUsed =>
        "You've used up today's allowance of AI answers. It renews at 00:00 UTC; please write again after that.";

    public override string AdminsOnly => "Sorry, this command is for the bot's admins.";

    public override string AskHint =>
        "Write your question after the command, for example: /ask what is the capital of Iceland?";

    public override string Usage(UserUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return $"""
            Your usage (UTC days and months):
            Today: {Figures(usage.Today)}
            This month: {Figures(usage.ThisMonth)}
            All time: {Figures(usage.AllTime)}

            Messages are the ones you wrote to me, in every chat; tokens are what the AI counted for the answers.
            """;
    }

    public override string Statistics(BotStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return $"""
            Bot statistics (today = since 00:00 UTC):
            Users: {Number(statistics.Users)}, active today: {Number(statistics.ActiveToday)}
            Messages: {Number(statistics.AllTime.Messages)}, today: {Number(statistics.Today.Messages)}
            Tokens: {Number(statistics.AllTime.Tokens)}, today: {Number(statistics.Today.Tokens)}
            """;
    }

    public override string Welcome(string firstName, bool isNewUser) =>
        isNewUser
            ? $"Hello {firstName}! I'm CleanBot, an AI assistant. Ask me anything, in English or Persian. Send /help to see what I can do."
            : $"Welcome back, {firstName}! Ask me anything. /new starts a fresh conversation.";

    protected override string HelpIntroduction =>
        "Just write to me and I'll answer. I remember our conversation until you start a new one.";

    protected override string MessageLengthLimit(int maxInputCharacters) =>
        $"Messages can be up to {maxInputCharacters} characters long.";

    protected override string PhotoUsage =>
        "Send a photo, with your question as its caption, and I'll look at it.";

    protected override string InlineUsage(string username) =>
        $"In any chat, type @{username} and a question to share a short answer there.";

    public override string CommandDescription(BotCommand command) => command switch
    {
        BotCommand.Start => "introduction",
        BotCommand.Help => "what I can do",
        BotCommand.Reset => "forget this conversation",
        BotCommand.New => "start a new conversation",
        BotCommand.Mode => "choose how I answer: assistant, translator, code, writing, tutor",
        BotCommand.Lang => "choose the language I speak to you",
        BotCommand.Usage => "your messages and tokens",
        BotCommand.Stats => "bot statistics (admins)",
        BotCommand.Ask => "ask a question, also in groups",
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

    private static string Figures(UsageTotals totals) =>
        $"{Number(totals.Messages)} {(totals.Messages == 1 ? "message" : "messages")}, {Number(totals.Tokens)} {(totals.Tokens == 1 ? "token" : "tokens")}";

    /// <summary>Grouped by thousands: 12,345.</summary>
    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public override string NotSupported(NotTextKind kind) => kind switch
    {
        NotTextKind.Sticker => "Stickers aren't supported yet. Please type your question.",
        NotTextKind.Voice => "Voice messages aren't supported yet. Please type your question.",
        NotTextKind.Audio => "Audio files aren't supported yet. Please type your question.",
        NotTextKind.Video => "Videos aren't supported yet. Please type your question, or send a photo.",
        NotTextKind.VideoNote => "Video messages aren't supported yet. Please type your question.",
        NotTextKind.Animation => "GIFs aren't supported yet. Please type your question, or send a photo.",
        NotTextKind.Document => "I can't read this kind of file yet. Please send text, or an image (JPEG, PNG, WebP or HEIC).",
        NotTextKind.UnavailableImage => "I couldn't fetch that image from Telegram. Please send it again.",
        _ => "I can only read text and photos for now. Please type your question.",
    };

    public override string ImageTooLarge(int maxBytes) =>
        $"That image is too large for me: the limit is {Megabytes(maxBytes).ToString("0.#", CultureInfo.InvariantCulture)} MB. Please send a smaller one (sending it as a photo rather than a file makes it smaller).";

    public override string TextTooLong(int maxCharacters) =>
        $"That message is too long for me. Please keep it under {maxCharacters} characters, or split it into parts.";

    public override string InlineHintButton => "Type your question after my name";

    public override string InlineNotAnsweredTitle => "No answer this time";

    public override string InlineRefusedTitle => "I can't answer this";

    public override string InlineTooSlow =>
        "The AI took too long to answer. Try again in a moment, or ask me in our private chat, where I have more time.";

    public override string InlineModelUnavailable => "I can't reach the AI right now. Please try again in a minute.";

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
