using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// Inline keyboards and button presses: answerCallbackQuery with the real server's rules (a known query id, answered
// once, a notice of at most 200 characters), the buttons of a message the bot sent, and the command menus the bot set.
public sealed partial class FakeTelegramServer
{
    private const int MaxCallbackAnswerLength = 200;

    private readonly HashSet<string> _openCallbackQueries = new(StringComparer.Ordinal);
    private readonly List<CallbackAnswer> _callbackAnswers = [];
    private long _lastCallbackQueryId = 4_200_000_000_000_000;

    public IReadOnlyList<CallbackAnswer> CallbackAnswers => Snapshot(_callbackAnswers);

    /// <summary>Waits until the press with <paramref name="callbackQueryId"/> has been answered; returns the answer.</summary>
    public async Task<CallbackAnswer> WaitForCallbackAnswerAsync(string callbackQueryId, TimeSpan? timeout = null)
    {
        await _changed.WaitUntilAsync(
            () => CallbackAnswers.Any(answer => answer.CallbackQueryId == callbackQueryId), timeout ?? DefaultWaitTimeout,
            () => $"Button press {callbackQueryId} was not answered. {DescribeCalls()}");
        return CallbackAnswers.First(answer => answer.CallbackQueryId == callbackQueryId);
    }

    /// <summary>The inline keyboard the bot's message shows now (after any edit), row by row; empty when it has none.</summary>
    public IReadOnlyList<IReadOnlyList<InlineButton>> InlineKeyboardOf(long chatId, int messageId)
    {
        string? markup;
        lock (_gate)
        {
            markup = _messages.TryGetValue((chatId, messageId), out var message) ? message.ReplyMarkup : null;
        }

        if (markup is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(markup);
        return document.RootElement.TryGetProperty("inline_keyboard", out var rows)
            ? [.. rows.EnumerateArray().Select(row => (IReadOnlyList<InlineButton>)[.. row.EnumerateArray().Select(button =>
                new InlineButton(button.StringArg("text") ?? string.Empty, button.StringArg("callback_data")))])]
            : [];
    }

    /// <summary>The text the bot's message shows now, after any edit.</summary>
    public string? CurrentTextOf(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue((chatId, messageId), out var message) ? message.Text : null;
        }
    }

    /// <summary>The command menus the bot set, by language_code ("" for the default one), from the last successful call for each.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Command, string Description)>> CommandMenus =>
        CallsTo("setMyCommands").Where(call => call.StatusCode == 200)
            .GroupBy(call => call.Body.StringArg("language_code") ?? string.Empty)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<(string, string)>)[.. group.Last().Body.StructuredArg("commands")!.Value.EnumerateArray()
                    .Select(command => (command.StringArg("command") ?? string.Empty, command.StringArg("description") ?? string.Empty))]);

    /// <summary>A message the bot sent, for a press on its buttons; it must exist, as it would for Telegram.</summary>
    internal (string Text, string? ReplyMarkup) BotMessage(long chatId, int messageId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue((chatId, messageId), out var message) && message.FromBot
                ? (message.Text, message.ReplyMarkup)
                : throw new InvalidOperationException($"The bot sent no message {messageId} to chat {chatId}.");
        }
    }

    /// <summary>A new callback query id, open for one answer, as Telegram hands out with each button press.</summary>
    internal string OpenCallbackQuery()
    {
        lock (_gate)
        {
            var id = (++_lastCallbackQueryId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _openCallbackQueries.Add(id);
            return id;
        }
    }

    private TelegramReply AnswerCallbackQuery(JsonElement args)
    {
        var id = args.StringArg("callback_query_id") ?? string.Empty;
        var text = args.StringArg("text");
        if (text is { Length: > MaxCallbackAnswerLength })
        {
            return TelegramReply.BadRequest("MESSAGE_TOO_LONG");
        }

        lock (_gate)
        {
            // Telegram refuses an unknown id, and an id it has already had an answer for, alike.
            if (!_openCallbackQueries.Remove(id))
            {
                return TelegramReply.BadRequest("query is too old and response timeout expired or query ID is invalid");
            }

            _callbackAnswers.Add(new CallbackAnswer(id, text, args.BoolArg("show_alert"), NextSequence(), DateTimeOffset.UtcNow));
        }

        return TelegramReply.Ok(true);
    }
}
