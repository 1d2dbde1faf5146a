using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>Delivers the bot's words to a chat: model answers as Telegram HTML split to fit, the bot's own sentences
/// as plain text.</summary>
internal sealed partial class ReplySender(ITelegramBotClient bot, ChatDelivery delivery, ILogger<ReplySender> logger)
{
    /// <summary>Renders the model's Markdown and sends it in as many messages as it takes. A part Telegram cannot parse
    /// is sent again as plain text, so the answer always arrives.</summary>
    public Task SendMarkdownAsync(ReplyTarget target, string markdown, CancellationToken cancellationToken) =>
        SendMarkdownAsync(target, markdown, shown: null, cancellationToken);

    /// <param name="shown">The message a streamed preview of this answer grew in: it becomes the answer's first part
    /// (edited, unless it already shows exactly that), and the rest follows in new messages.</param>
    public async Task SendMarkdownAsync(ReplyTarget target, string markdown, ShownPreview? shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = TelegramMessageSplitter.Split(TelegramHtml.Render(markdown));
        for (var index = 0; index < parts.Count; index++)
        {
            var replyTo = index == 0 ? target : target with { ReplyToMessageId = null };
            var over = index == 0 ? shown : null;
            try
            {
                await DeliverAsync(replyTo, over, parts[index], ParseMode.Html, cancellationToken);
            }
            catch (ApiRequestException exception) when (BotApiRefusals.IsEntityParseError(exception))
            {
                LogParseFallback(logger, target.ChatId, exception.Message);
                await DeliverAsync(replyTo, over, TelegramHtml.ToPlainText(parts[index]), ParseMode.None, cancellationToken);
            }
        }
    }

    public Task SendPlainAsync(ReplyTarget target, string text, CancellationToken cancellationToken) =>
        SendPlainAsync(target, text, shown: null, cancellationToken);

    /// <param name="shown">A streamed preview to replace with <paramref name="text"/> (say, why the answer stopped), so
    /// the half-written answer is not left looking like a whole one.</param>
    public Task SendPlainAsync(ReplyTarget target, string text, ShownPreview? shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return DeliverAsync(target, shown, text, ParseMode.None, cancellationToken);
    }

    private Task DeliverAsync(ReplyTarget target, ShownPreview? shown, string text, ParseMode parseMode, CancellationToken cancellationToken) =>
        shown is null ? SendAsync(target, text, parseMode, cancellationToken) : EditAsync(target, shown, text, parseMode, cancellationToken);

    /// <summary>Edits a streamed preview into its final text. It never repeats what the message already shows; if the
    /// message is gone (deleted by someone), the text is sent as a new one.</summary>
    private async Task EditAsync(ReplyTarget target, ShownPreview shown, string text, ParseMode parseMode, CancellationToken cancellationToken)
    {
        if (text == shown.Text && parseMode == shown.ParseMode)
        {
            return;
        }

        try
        {
            await delivery.RunAsync(
                target.ChatId,
                token => bot.SendRequest(EditTextRequest.Of(target.ChatId, shown.MessageId, text, parseMode), token),
                cancellationToken);
        }
        catch (ApiRequestException exception) when (BotApiRefusals.IsNotModified(exception))
        {
            // Same content after Telegram's own parsing: what the chat shows is already right.
        }
        catch (ApiRequestException exception) when (BotApiRefusals.IsEditTargetGone(exception))
        {
            await SendAsync(target, text, parseMode, cancellationToken);
        }
    }

    private Task<SentMessage> SendAsync(ReplyTarget target, string text, ParseMode parseMode, CancellationToken cancellationToken)
    {
        var request = SendTextRequest.To(target, text, parseMode);
        return delivery.RunAsync(target.ChatId, token => bot.SendRequest(request, token), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not parse the HTML for chat {ChatId} ({Reason}); sending it as plain text")]
    private static partial void LogParseFallback(ILogger logger, long chatId, string reason);
}
