using System.Globalization;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;

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
}
