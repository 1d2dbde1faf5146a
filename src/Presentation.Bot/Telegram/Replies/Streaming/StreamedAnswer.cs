using System.Text;
using System.Threading.Channels;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Presentation.Bot.Telegram.Formatting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>
/// Shows one answer in its chat while the model writes it. The model's flow only appends each piece and wakes the
/// preview loop; the loop renders what has arrived only when a preview is due (<see cref="PreviewThrottle"/>), skips
/// a preview that would show the same text again, and makes the call only if the chat has a turn in the budget right
/// now (<see cref="ChatDelivery.TryRunNowAsync"/>): a preview that would have to wait is worth nothing. Previews are
/// best effort; the finished answer is sent by <see cref="ReplySender"/> after <see cref="DisposeAsync"/>, over the
/// draft or into the message the answer grew in (<see cref="Shown"/>).
/// </summary>
internal sealed partial class StreamedAnswer : IAnswerProgress, IAsyncDisposable
{
    private readonly ITelegramBotClient _bot;
    private readonly ChatDelivery _delivery;
    private readonly AnswerStreamer _streamer;
    private readonly ReplyTarget _target;
    private readonly IAsyncDisposable _typing;
    private readonly PreviewThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _textGate = new();
    private readonly StringBuilder _text = new();
    private readonly Channel<bool> _arrived = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long? _draftId;
    private ParseMode _parseMode = ParseMode.Html;
    private int _shownLength;
    private string? _shownText;
    private ParseMode _shownParseMode;
    private int? _messageId;
    private bool _disposed;

    /// <param name="draftId">Set to show the answer as a draft; null to send one message and edit it.</param>
    /// <param name="typing">Ended by the first preview: the growing answer says enough. Its owner disposes it too.</param>
    public StreamedAnswer(
        ITelegramBotClient bot,
        ChatDelivery delivery,
        AnswerStreamer streamer,
        ReplyTarget target,
        long? draftId,
        IAsyncDisposable typing,
        PreviewThrottle throttle,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _bot = bot;
        _delivery = delivery;
        _streamer = streamer;
        _target = target;
        _draftId = draftId;
        _typing = typing;
        _throttle = throttle;
        _time = time;
        _logger = logger;
        _loop = RunAsync(cancellationToken);
    }

    /// <summary>The message the answer grew in, once the preview loop has ended; null when there is none (drafts, or no
    /// preview went out), and the finished answer is sent as new messages.</summary>
    public ShownPreview? Shown => _messageId is { } messageId ? new ShownPreview(messageId, _shownText!, _shownParseMode) : null;

    public void Report(string piece)
    {
        lock (_textGate)
        {
            _text.Append(piece);
        }

        _arrived.Writer.TryWrite(true);
    }

    /// <summary>Ends the previews, waiting for one in flight, so the finished answer comes after it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        _arrived.Writer.TryWrite(true); // wakes the loop to see it is over; completing the channel would build an exception
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Ending the answer wakes the channel's reader and cancels the wait between previews without throwing: every
        // streamed answer ends this way, and an exception per answer is a cost on the hot path. A call in flight is
        // finished, so its message id is not lost.
        try
        {
            while (await _arrived.Reader.WaitToReadAsync(cancellationToken) && !_stopping.IsCancellationRequested)
            {
                _arrived.Reader.TryRead(out _);
                _throttle.Start();
                var wait = _throttle.UntilDue();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                }

                if (!await ShowPreviewAsync(cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bot is stopping.
        }
    }

    /// <returns>False when previews are over for this answer (Telegram refused one for good).</returns>
    private async Task<bool> ShowPreviewAsync(CancellationToken cancellationToken)
    {
        string markdown;
        lock (_textGate)
        {
            var length = PreviewText.WindowLength(_text);
            if (length == _shownLength)
            {
                return true; // nothing new within what a preview shows
            }

            markdown = _text.ToString(0, length);
        }

        var html = PreviewText.ToHtml(markdown);
        var text = _parseMode == ParseMode.Html ? html : TelegramHtml.ToPlainText(html);
        if (string.IsNullOrWhiteSpace(text) || text == _shownText)
        {
            return true;
        }

        _throttle.Attempted();
        try
        {
            if (await _delivery.TryRunNowAsync(_target.ChatId, token => SendPreviewAsync(text, token), cancellationToken))
            {
                if (_shownText is null)
                {
                    await _typing.DisposeAsync();
                }

                Showing(text, markdown.Length);
            }

            return true;
        }
        catch (ApiRequestException exception) when (BotApiRefusals.IsNotModified(exception))
        {
            Showing(text, markdown.Length);
            return true;
        }
        catch (ApiRequestException exception) when (_parseMode == ParseMode.Html && BotApiRefusals.IsEntityParseError(exception))
        {
            LogPreviewAsPlainText(_logger, _target.ChatId, exception.Message);
            _parseMode = ParseMode.None;
            return true;
        }
        catch (ApiRequestException exception) when (_draftId is not null && exception.ErrorCode is 400 or 404)
        {
            _streamer.DraftsRefused(exception.Message);
            _draftId = null;
            return true;
        }
        catch (RequestException exception)
        {
            // The finished answer goes out anyway; it reports a failure that matters (a blocked bot) on its own.
            LogPreviewsStopped(_logger, _target.ChatId, exception.Message);
            return false;
        }
    }

    private void Showing(string text, int markdownLength)
    {
        _shownText = text;
        _shownParseMode = _parseMode;
        _shownLength = markdownLength;
    }

    private async Task SendPreviewAsync(string text, CancellationToken cancellationToken)
    {
        if (_draftId is { } draftId)
        {
            await _bot.SendRequest(SendDraftRequest.To(_target, draftId, text, _parseMode), cancellationToken);
        }
        else if (_messageId is { } messageId)
        {
            await _bot.SendRequest(EditTextRequest.Of(_target.ChatId, messageId, text, _parseMode), cancellationToken);
        }
        else
        {
            var message = await _bot.SendRequest(SendTextRequest.To(_target, text, _parseMode), cancellationToken);
            _messageId = message.MessageId;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not parse a preview's HTML for chat {ChatId} ({Reason}); previews go as plain text")]
    private static partial void LogPreviewAsPlainText(ILogger logger, long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No more previews for chat {ChatId} ({Reason}); the answer is sent when complete")]
    private static partial void LogPreviewsStopped(ILogger logger, long chatId, string reason);
}
