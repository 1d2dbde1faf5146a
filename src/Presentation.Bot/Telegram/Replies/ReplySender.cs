using CleanBot.Presentation.Bot.Telegram.Formatting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>Delivers the bot's words to a chat: model answers as Telegram HTML split to fit, the bot's own sentences
/// as plain text.</summary>
internal sealed partial class ReplySender(ITelegramBotClient bot, ChatDelivery delivery, ILogger<ReplySender> logger)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>Renders the model's Markdown and sends it in as many messages as it takes. A part Telegram cannot parse
    /// is sent again as plain text, so the answer always arrives.</summary>
    public async Task SendMarkdownAsync(ReplyTarget target, string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = TelegramMessageSplitter.Split(TelegramHtml.Render(markdown));
        for (var index = 0; index < parts.Count; index++)
        {
            var replyTo = index == 0 ? target : target with { ReplyToMessageId = null };
            try
            {
                await SendAsync(replyTo, parts[index], ParseMode.Html, cancellationToken);
            }
            catch (ApiRequestException exception) when (IsEntityParseError(exception))
            {
                LogParseFallback(logger, target.ChatId, exception.Message);
                await SendAsync(replyTo, TelegramHtml.ToPlainText(parts[index]), ParseMode.None, cancellationToken);
            }
        }
    }

    public Task SendPlainAsync(ReplyTarget target, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return SendAsync(target, text, ParseMode.None, cancellationToken);
    }

    private Task<Message> SendAsync(ReplyTarget target, string text, ParseMode parseMode, CancellationToken cancellationToken)
    {
        var replyParameters = target.ReplyToMessageId is { } messageId
            ? new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true }
            : null;
        return delivery.RunAsync(
            target.ChatId,
            token => bot.SendMessage(
                target.ChatId,
                text,
                parseMode,
                replyParameters,
                linkPreviewOptions: NoPreview,
                messageThreadId: target.MessageThreadId,
                cancellationToken: token),
            cancellationToken);
    }

    private static bool IsEntityParseError(ApiRequestException exception) =>
        exception.ErrorCode == 400 && exception.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram could not parse the HTML for chat {ChatId} ({Reason}); sending it as plain text")]
    private static partial void LogParseFallback(ILogger logger, long chatId, string reason);
}
