using Telegram.Bot.Exceptions;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>The Bot API's 400 refusals the bot reacts to, recognised by Telegram's description (it has no codes).</summary>
internal static class BotApiRefusals
{
    /// <summary>The HTML (or Markdown) could not be parsed: the known fix is the same text without a parse mode.</summary>
    public static bool IsEntityParseError(ApiRequestException exception) => Is400(exception, "can't parse entities");

    /// <summary>An edit that would leave the message as it is.</summary>
    public static bool IsNotModified(ApiRequestException exception) => Is400(exception, "message is not modified");

    /// <summary>The message to edit is deleted, or too old to edit.</summary>
    public static bool IsEditTargetGone(ApiRequestException exception) =>
        Is400(exception, "message to edit not found") || Is400(exception, "message can't be edited");

    private static bool Is400(ApiRequestException exception, string description) =>
        exception.ErrorCode == 400 && exception.Message.Contains(description, StringComparison.OrdinalIgnoreCase);
}
