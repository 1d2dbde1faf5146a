namespace CleanBot.Application.Common.Outcomes;

/// <summary>The codes validators attach to failures, so the Telegram layer can put each into words.</summary>
public static class RejectionCodes
{
    public const string EmptyText = "text.empty";
    public const string TextTooLong = "text.too_long";
    public const string InvalidRequest = "request.invalid";
}
