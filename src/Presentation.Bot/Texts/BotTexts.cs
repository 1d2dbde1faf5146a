using System.Text;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Features.Help;
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

    public abstract string OnlyTextSupported { get; }

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
        BotCommand.Usage => "usage",
        BotCommand.Stats => "stats",
        BotCommand.Ask => "ask",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

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
