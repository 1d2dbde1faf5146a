using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// What FakeTelegramServer observed. Sequence is one counter across all records of a server,
// so tests can order events that share a timestamp (e.g. "confirmed only after the reply").

/// <summary>The bot user getMe returns and bot-sent messages carry in "from".</summary>
public sealed record FakeBotIdentity(long Id, string Username, string FirstName)
{
    public static FakeBotIdentity Default { get; } = new(7_000_000_001, "clean_test_bot", "CleanBot Test");
}

/// <summary>Any Bot API call. Body holds the merged query/form/JSON parameters.</summary>
public sealed record RecordedCall(string Method, JsonElement Body, int StatusCode, long Sequence, DateTimeOffset At);

/// <summary>
/// A message the server accepted. Text is what the user sees (HTML tags stripped, entities decoded);
/// RawText is exactly what the bot sent. ParseMode is spelt "HTML", "Markdown" or "MarkdownV2"
/// whatever the case sent (the raw value stays in the <see cref="RecordedCall"/> body).
/// </summary>
public sealed record SentMessage(
    long ChatId,
    int MessageId,
    string Text,
    string RawText,
    string? ParseMode,
    int? ReplyToMessageId,
    int? MessageThreadId,
    long Sequence,
    DateTimeOffset At);

/// <summary>An accepted editMessageText; Text/RawText as in <see cref="SentMessage"/>.</summary>
public sealed record EditedMessage(
    long ChatId, int MessageId, string Text, string RawText, string? ParseMode, long Sequence, DateTimeOffset At);

public sealed record RecordedChatAction(long ChatId, string Action, int? MessageThreadId, long Sequence, DateTimeOffset At);

/// <summary>A call for a chat still inside the retry_after window of an earlier 429.</summary>
public sealed record RateLimitViolation(string Method, long ChatId, DateTimeOffset At, DateTimeOffset BlockedUntil);

/// <summary>An update dropped from the queue because getUpdates was called with a higher offset.</summary>
public sealed record UpdateConfirmation(long UpdateId, long Sequence, DateTimeOffset At);

/// <summary>A message entity for hand-built updates; offsets and lengths are UTF-16 code units.</summary>
public sealed record FakeEntity(string Type, int Offset, int Length);

/// <summary>An accepted answerCallbackQuery: the notice shown for a button press (null: none).</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert, long Sequence, DateTimeOffset At);

/// <summary>A button of an inline keyboard as the bot sent it.</summary>
public sealed record InlineButton(string Text, string? CallbackData);
