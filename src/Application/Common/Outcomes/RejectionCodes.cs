namespace CleanBot.Application.Common.Outcomes;

/// <summary>The codes validators attach to failures, so the Telegram layer can put each into words.</summary>
public static class RejectionCodes
{
    public const string EmptyText = "text.empty";
    public const string TextTooLong = "text.too_long";
    public const string InvalidRequest = "request.invalid";

    /// <summary>The person is not on the bot's allow-list.</summary>
    public const string AccessDenied = "access.denied";

    /// <summary>More messages in this minute than the rate limit allows; the rejection's RetryAfter says until when.</summary>
    public const string TooManyMessages = "rate.too_many_messages";

    /// <summary>The person's daily token quota is used up until 00:00 UTC.</summary>
    public const string DailyQuotaUsed = "quota.daily_used";

    /// <summary>Refused for a reason the person has already been told: the bot says nothing this time.</summary>
    public const string AlreadyTold = "already_told";

    /// <summary>The image is larger than the bot takes; the rejection's Limit says the limit in bytes.</summary>
    public const string ImageTooLarge = "image.too_large";

    /// <summary>The image arrived without any bytes.</summary>
    public const string ImageEmpty = "image.empty";

    /// <summary>The file is not an image type the model reads.</summary>
    public const string ImageTypeNotSupported = "image.type_not_supported";
}
