using CleanBot.Application;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Images;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Telegram.Replies;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using BotCommand = CleanBot.Application.Features.Help.BotCommand;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>
/// Decides what an update asks of the bot. In private chats every message is for the bot; in groups only commands,
/// messages that mention the bot and replies to the bot's own messages are (the same rule as Telegram's privacy mode;
/// for a photo or a file, a mention in its caption). Presses on the bot's menu buttons are routed wherever the menu is.
/// </summary>
internal sealed class UpdateRouter(BotIdentity identity, IOptions<ConversationOptions> conversation)
{
    /// <summary>Telegram re-encodes every photo as JPEG.</summary>
    private const string PhotoMimeType = "image/jpeg";

    private readonly int _maxImageBytes = conversation.Value.MaxImageBytes;

    public UpdateRoute Route(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.InlineQuery is { } inlineQuery)
        {
            return inlineQuery.From is { IsBot: false } querySender
                ? new UpdateRoute.Inline(inlineQuery.Id, inlineQuery.Query ?? string.Empty, ProfileOf(querySender))
                : new UpdateRoute.Ignore("inline query has no human sender");
        }

        if (update.CallbackQuery is { } query)
        {
            return RouteButton(query);
        }

        if (update.Message is not { } message)
        {
            return new UpdateRoute.Ignore($"update kind {update.Type} is not handled");
        }

        if (message.From is not { IsBot: false } from)
        {
            return new UpdateRoute.Ignore("message has no human sender");
        }

        // Telegram always sends the chat and its id (never 0); a payload without them is malformed.
        if (message.Chat is not { Id: not 0 })
        {
            return new UpdateRoute.Ignore("message has no chat");
        }

        var isGroup = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        if (!isGroup && message.Chat.Type != ChatType.Private)
        {
            return new UpdateRoute.Ignore($"chat type {message.Chat.Type} is not handled");
        }

        var incoming = new IncomingMessage(
            ProfileOf(from),
            new ReplyTarget(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null, isGroup ? message.Id : null));

        if (message.Text is not { } text)
        {
            return RouteWithoutText(message, incoming, isGroup);
        }

        if (TryReadCommand(message, text, out var command, out var addressedToOtherBot))
        {
            return command switch
            {
                BotCommand.Ask => AskByCommand(message, text, incoming),
                { } known => new UpdateRoute.Command(known, incoming),
                null when addressedToOtherBot => new UpdateRoute.Ignore("command for another bot"),
                null when isGroup => new UpdateRoute.Ignore("unknown command in a group"),
                null => new UpdateRoute.Command(BotCommand.Help, incoming),
            };
        }

        if (!isGroup || IsReplyToBot(message))
        {
            return new UpdateRoute.Ask(text, incoming);
        }

        return TryRemoveMention(message.Entities, text, out var question)
            ? new UpdateRoute.Ask(question, incoming)
            : new UpdateRoute.Ignore("group message not addressed to the bot");
    }

    private static UserProfile ProfileOf(global::Telegram.Bot.Types.User from) =>
        new(from.Id, from.Username, from.FirstName ?? string.Empty, from.LastName, from.LanguageCode);

    /// <summary>Every press from a person is answered, even one whose data the bot does not know; the chat is kept only
    /// when the menu is in a chat the bot serves.</summary>
    private static UpdateRoute RouteButton(CallbackQuery query)
    {
        if (string.IsNullOrEmpty(query.Id) || query.From is not { IsBot: false } from)
        {
            return new UpdateRoute.Ignore("button press without an id or a human sender");
        }

        var profile = ProfileOf(from);
        var menu = query.Message is { Chat: { Id: not 0, Type: ChatType.Private or ChatType.Group or ChatType.Supergroup } chat, Id: > 0 } message
            ? new MenuMessage(new ReplyTarget(chat.Id, message.IsTopicMessage ? message.MessageThreadId : null, null), message.Id)
            : null;
        var choice = ButtonData.TryParse(query.Data, out var parsed) ? parsed : null;
        return new UpdateRoute.Button(new ButtonPress(query.Id, profile, menu, choice));
    }

    /// <summary>
    /// A photo or an image file goes to the model with its caption; anything else is told what is not supported yet.
    /// In groups the message must reply to the bot or mention it in its caption. Only declared sizes are looked at
    /// here: nothing is downloaded before the request has passed the application's checks.
    /// </summary>
    private UpdateRoute RouteWithoutText(Message message, IncomingMessage incoming, bool isGroup)
    {
        var caption = message.Caption;
        if (isGroup && !IsReplyToBot(message) && (caption is null || !TryRemoveMention(message.CaptionEntities, caption, out caption)))
        {
            return new UpdateRoute.Ignore("group message without text not addressed to the bot");
        }

        caption = string.IsNullOrWhiteSpace(caption) ? null : caption;
        if (message.Photo is { Length: > 0 } sizes)
        {
            return PhotoSizeChoice.Largest(sizes, _maxImageBytes) is { } size
                ? new UpdateRoute.Image(new ImageFile(size.FileId, PhotoMimeType, size.FileSize), caption, incoming)
                : new UpdateRoute.NotText(incoming, NotTextKind.OversizedImage);
        }

        if (message is { Document: { } document, Animation: null } && ImageAttachment.IsSupported(document.MimeType))
        {
            return document.FileSize > _maxImageBytes
                ? new UpdateRoute.NotText(incoming, NotTextKind.OversizedImage)
                : new UpdateRoute.Image(new ImageFile(document.FileId, document.MimeType!, document.FileSize), caption, incoming);
        }

        return new UpdateRoute.NotText(incoming, KindOf(message));
    }

    private static NotTextKind KindOf(Message message) =>
        message.Sticker is not null ? NotTextKind.Sticker
        : message.Voice is not null ? NotTextKind.Voice
        : message.Audio is not null ? NotTextKind.Audio
        : message.VideoNote is not null ? NotTextKind.VideoNote
        : message.Animation is not null ? NotTextKind.Animation // before Document: Telegram sets both for a GIF
        : message.Video is not null ? NotTextKind.Video
        : message.Document is not null ? NotTextKind.Document
        : NotTextKind.Other;

    private bool IsReplyToBot(Message message) => message.ReplyToMessage?.From?.Id == identity.Id;

    /// <summary>Reads "/name" or "/name@botname" at the start of the text.</summary>
    private bool TryReadCommand(Message message, string text, out BotCommand? command, out bool addressedToOtherBot)
    {
        command = null;
        addressedToOtherBot = false;
        if (message.Entities is not [{ Type: MessageEntityType.BotCommand, Offset: 0, Length: > 1 } entity, ..] || text.Length < 2)
        {
            return false;
        }

        var token = text.AsSpan(1, Math.Min(entity.Length, text.Length) - 1);
        var at = token.IndexOf('@');
        if (at >= 0)
        {
            addressedToOtherBot = !identity.IsUsername(token[(at + 1)..]);
            token = token[..at];
        }

        if (!addressedToOtherBot)
        {
            command = ParseName(token);
        }

        return true;
    }

    private static BotCommand? ParseName(ReadOnlySpan<char> name) =>
        name.Equals("start", StringComparison.OrdinalIgnoreCase) ? BotCommand.Start
        : name.Equals("help", StringComparison.OrdinalIgnoreCase) ? BotCommand.Help
        : name.Equals("reset", StringComparison.OrdinalIgnoreCase) ? BotCommand.Reset
        : name.Equals("new", StringComparison.OrdinalIgnoreCase) ? BotCommand.New
        : name.Equals("usage", StringComparison.OrdinalIgnoreCase) ? BotCommand.Usage
        : name.Equals("stats", StringComparison.OrdinalIgnoreCase) ? BotCommand.Stats
        : name.Equals("ask", StringComparison.OrdinalIgnoreCase) ? BotCommand.Ask
        : name.Equals("mode", StringComparison.OrdinalIgnoreCase) ? BotCommand.Mode
        : name.Equals("lang", StringComparison.OrdinalIgnoreCase) ? BotCommand.Lang
        : null;

    /// <summary>"/ask question" is a question like a mention is, in any chat; a bare "/ask" gets a hint instead.</summary>
    private static UpdateRoute AskByCommand(Message message, string text, IncomingMessage incoming)
    {
        var question = text[Math.Min(message.Entities![0].Length, text.Length)..].Trim();
        return question.Length > 0 ? new UpdateRoute.Ask(question, incoming) : new UpdateRoute.Command(BotCommand.Ask, incoming);
    }

    /// <summary>Finds "@botname" (or a mention by user id) in a text or caption and returns the text without it.</summary>
    private bool TryRemoveMention(MessageEntity[]? entities, string text, out string question)
    {
        foreach (var entity in entities ?? [])
        {
            if (entity is null || entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > text.Length)
            {
                continue;
            }

            var mentionsBot = entity.Type switch
            {
                MessageEntityType.Mention => identity.IsUsername(text.AsSpan(entity.Offset + 1, entity.Length - 1)),
                MessageEntityType.TextMention => entity.User?.Id == identity.Id,
                _ => false,
            };
            if (mentionsBot)
            {
                question = string.Concat(text.AsSpan(0, entity.Offset), text.AsSpan(entity.Offset + entity.Length)).Trim();
                return true;
            }
        }

        question = string.Empty;
        return false;
    }
}
