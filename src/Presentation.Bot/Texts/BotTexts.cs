using System.Text;
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

    /// <summary>What the bot does, then one line per command, then the longest message it accepts.</summary>
    public string Help(IReadOnlyList<BotCommand> commands, int maxInputCharacters)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder(HelpIntroduction).Append("\n\n");
        foreach (var command in commands)
        {
            text.Append('/').Append(CommandName(command)).Append(" — ").Append(CommandDescription(command)).Append('\n');
        }

        return text.Append('\n').Append(MessageLengthLimit(maxInputCharacters)).ToString();
    }

    protected abstract string HelpIntroduction { get; }

    protected abstract string MessageLengthLimit(int maxInputCharacters);

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
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>A size in bytes as megabytes (2^20 bytes), to one decimal place at most.</summary>
    protected static double Megabytes(int bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    /// <summary>The delay rounded up to whole seconds; zero when the server gave none.</summary>
    protected static int WholeSeconds(TimeSpan? delay) =>
        delay is { } value && value > TimeSpan.Zero ? (int)Math.Ceiling(value.TotalSeconds) : 0;
}
