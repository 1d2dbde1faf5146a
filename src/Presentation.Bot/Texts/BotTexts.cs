using System.Text;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;

namespace CleanBot.Presentation.Bot.Texts;

/// <summary>
/// Every sentence the bot says, in one place. Each language is one subclass, so a missing translation is a
/// compile error rather than an English sentence in a Persian chat.
/// </summary>
internal abstract class BotTexts
{
    public static readonly BotTexts English = new EnglishTexts();

    public static readonly BotTexts Persian = new PersianTexts();

    public static BotTexts For(Language language) => language == Language.Persian ? Persian : English;

    public abstract string Welcome(string firstName, bool isNewUser);

    /// <summary>What the bot does, one line per command, what else it takes (photos; inline questions when inline mode
    /// is on), then the longest message it accepts.</summary>
    /// <param name="inlineUsername">The bot's username when Telegram sends it inline queries; null otherwise.</param>
    public string Help(IReadOnlyList<BotCommand> commands, int maxInputCharacters, string? inlineUsername = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder(HelpIntroduction).Append("\n\n");
        foreach (var command in commands)
        {
            text.Append('/').Append(CommandName(command)).Append(" — ").Append(CommandDescription(command)).Append('\n');
        }

        text.Append('\n').Append(PhotoUsage).Append('\n');
        if (!string.IsNullOrEmpty(inlineUsername))
        {
            text.Append(InlineUsage(inlineUsername)).Append('\n');
        }

        return text.Append(MessageLengthLimit(maxInputCharacters)).ToString();
    }

    protected abstract string HelpIntroduction { get; }

    protected abstract string MessageLengthLimit(int maxInputCharacters);

    protected abstract string PhotoUsage { get; }

    protected abstract string InlineUsage(string username);

    public abstract string CommandDescription(BotCommand command);

    public abstract string SessionReset(bool hadSession);

    public abstract string ModelBusy(TimeSpan? retryAfter);

    public abstract string QuotaExhausted { get; }

    public abstract string Blocked { get; }

    public abstract string ConversationTooLong { get; }

    public abstract string ModelUnavailable { get; }

    public abstract string TextTooLong(int maxCharacters);

    public abstract string EmptyText { get; }

    public abstract string InvalidRequest { get; }

    /// <summary>Says why this kind of message is not read: not supported yet (naming it), or an image that could not be fetched.</summary>
    public abstract string NotSupported(NotTextKind kind);

    /// <summary>What the model is asked when a photo comes without a caption.</summary>
    public abstract string DescribeImagePrompt { get; }

    public abstract string ImageTooLarge(int maxBytes);

    public abstract string ImageEmpty { get; }

    public abstract string ImageTypeNotSupported { get; }

    public abstract string UnexpectedError { get; }

    /// <summary>Said once to a person who is not on the allow-list.</summary>
    public abstract string AccessDenied { get; }

    public abstract string TooManyMessages(TimeSpan? retryAfter);

    public abstract string DailyTokenQuotaUsed { get; }

    /// <summary>/usage: the person's own messages and the tokens of the answers to them, today, this month and in
    /// all (UTC).</summary>
    public abstract string Usage(UserUsage usage);

    /// <summary>/stats, for admins: users, active today, messages and tokens.</summary>
    public abstract string Statistics(BotStatistics statistics);

    /// <summary>/stats from someone who is not an admin.</summary>
    public abstract string AdminsOnly { get; }

    /// <summary>A bare /ask: how to use it.</summary>
    public abstract string AskHint { get; }

    public string Rejected(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return rejection.Code switch
        {
            RejectionCodes.TextTooLong => TextTooLong(rejection.Limit ?? 0),
            RejectionCodes.EmptyText => EmptyText,
            RejectionCodes.AccessDenied => AccessDenied,
            RejectionCodes.TooManyMessages => TooManyMessages(rejection.RetryAfter),
            RejectionCodes.DailyQuotaUsed => DailyTokenQuotaUsed,
            RejectionCodes.ImageTooLarge => ImageTooLarge(rejection.Limit ?? 0),
            RejectionCodes.ImageEmpty => ImageEmpty,
            RejectionCodes.ImageTypeNotSupported => ImageTypeNotSupported,
            _ => InvalidRequest,
        };
    }

    /// <summary>"/name" as the command is typed.</summary>
    public static string CommandName(BotCommand command) => command switch
    {
        BotCommand.Start => "start",
        BotCommand.Help => "help",
        BotCommand.Reset => "reset",
        BotCommand.New => "new",
        BotCommand.Mode => "mode",
        BotCommand.Lang => "lang",
        BotCommand.Usage => "usage",
        BotCommand.Stats => "stats",
        BotCommand.Ask => "ask",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>A language's name in that language, so a person finds theirs whatever the bot speaks now.</summary>
    public static string LanguageName(Language language) => language == Language.Persian ? "فارسی" : "English";

    public abstract string PersonaName(Persona persona);

    /// <summary>One line on what the persona does, shown next to its name in the <c>/mode</c> menu.</summary>
    public abstract string PersonaDescription(Persona persona);

    /// <summary>The <c>/mode</c> menu: the current persona, then every persona with what it does; the buttons follow.</summary>
    public string PersonaMenu(Persona current)
    {
        var text = new StringBuilder(PersonaMenuIntroduction(PersonaName(current))).Append("\n\n");
        foreach (var persona in PersonaTags.All)
        {
            text.Append("• ").Append(PersonaName(persona)).Append(" — ").Append(PersonaDescription(persona)).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    protected abstract string PersonaMenuIntroduction(string currentName);

    /// <summary>What the menu message becomes once a persona is picked.</summary>
    public abstract string PersonaChosen(Persona persona, bool sessionEnded);

    /// <summary>The short notice over the chat when the button is pressed (Telegram shows at most 200 characters).</summary>
    public abstract string PersonaChosenToast(Persona persona);

    /// <summary>The <c>/lang</c> menu's text; the buttons name each language in itself.</summary>
    public abstract string LanguageMenu { get; }

    /// <summary>What the menu message becomes once a language is picked, in that language.</summary>
    public abstract string LanguageChosen { get; }

    public abstract string LanguageChosenToast { get; }

    /// <summary>A button the bot does not recognise (an old menu, tampered data).</summary>
    public abstract string UnknownButton { get; }

    /// <summary>A size in bytes as megabytes (2^20 bytes), to one decimal place at most.</summary>
    protected static double Megabytes(int bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    /// <summary>The delay rounded up to whole seconds; zero when the server gave none.</summary>
    protected static int WholeSeconds(TimeSpan? delay) =>
        delay is { } value && value > TimeSpan.Zero ? (int)Math.Ceiling(value.TotalSeconds) : 0;

    /// <summary>The button above an empty list of inline results, while the query is too short to ask about; it opens
    /// the private chat with the bot.</summary>
    public abstract string InlineHintButton { get; }

    /// <summary>The title of the inline result that explains why there is no answer.</summary>
    public abstract string InlineNotAnsweredTitle { get; }

    /// <summary>The title of the inline result that explains a refusal (the allow-list, the rate limit, the quota).</summary>
    public abstract string InlineRefusedTitle { get; }

    public abstract string InlineTooSlow { get; }

    /// <summary>Like <see cref="ModelUnavailable"/>, without "your message is saved": an inline question is not.</summary>
    public abstract string InlineModelUnavailable { get; }
}
