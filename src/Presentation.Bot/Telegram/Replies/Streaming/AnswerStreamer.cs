using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

/// <summary>
/// Decides whether an answer is streamed to its chat (<see cref="StreamingOptions.Streaming"/>) and how: a draft
/// (<c>sendMessageDraft</c>) in private chats, one message edited as it grows in groups, or wherever Telegram refuses
/// drafts. Once the Bot API refuses drafts, this process uses edits from then on.
/// </summary>
internal sealed partial class AnswerStreamer
{
    private readonly ITelegramBotClient _bot;
    private readonly ChatDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamedAnswer> _logger;
    private readonly StreamingOptions _options;
    private long _lastDraftId;
    private int _draftsRefused;

    public AnswerStreamer(
        ITelegramBotClient bot, ChatDelivery delivery, IOptions<StreamingOptions> options, TimeProvider time, ILogger<StreamedAnswer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bot = bot;
        _delivery = delivery;
        _time = time;
        _logger = logger;
        _options = options.Value;

        // Draft ids only need to differ between answers; starting from the clock keeps them apart across restarts too.
        _lastDraftId = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>Starts showing an answer to <paramref name="target"/> while it is written; null when that chat gets
    /// finished answers only. Dispose the result once the answer is complete (or failed).</summary>
    /// <param name="typing">"typing…" for the same answer: it ends once the answer itself shows, and leaves the chat's
    /// budget to the previews.</param>
    /// <param name="cancellationToken">Ends a preview in flight: only on shutdown.</param>
    public StreamedAnswer? Open(ReplyTarget target, IAsyncDisposable typing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);

        // Private chats have positive ids, groups negative ones (as in OutboundBudget).
        var isPrivate = target.ChatId > 0;
        var streamed = _options.Streaming switch
        {
            StreamingMode.On => true,
            StreamingMode.Auto => isPrivate,
            _ => false,
        };
        if (!streamed)
        {
            return null;
        }

        var draftId = isPrivate && Volatile.Read(ref _draftsRefused) == 0 ? Interlocked.Increment(ref _lastDraftId) : (long?)null;
        return new StreamedAnswer(
            _bot, _delivery, this, target, draftId, typing, new PreviewThrottle(_time, _options.StreamingInterval), _time, _logger, cancellationToken);
    }

    /// <summary>The Bot API answered a draft with something other than a rate limit or a parse error: use edits from now on.</summary>
    public void DraftsRefused(string reason)
    {
        if (Interlocked.Exchange(ref _draftsRefused, 1) == 0)
        {
            LogDraftsRefused(_logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused a message draft ({Reason}); streamed answers are shown by editing a message from now on")]
    private static partial void LogDraftsRefused(ILogger logger, string reason);
}
