using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>What the Gemini adapter logs: statuses and reasons only, never bodies or the key.</summary>
internal static partial class GeminiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Gemini answered HTTP {StatusCode} ({GeminiStatus}); reported as {Outcome}")]
    public static partial void GeminiCallFailed(this ILogger logger, int statusCode, string? geminiStatus, string outcome);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Gemini did not answer in time")]
    public static partial void GeminiTimedOut(this ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Gemini could not be reached")]
    public static partial void GeminiUnreachable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Gemini withheld its answer: {Reason}")]
    public static partial void GeminiAnswerWithheld(this ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Gemini gave no answer text (finish reason {FinishReason})")]
    public static partial void GeminiAnswerEmpty(this ILogger logger, string? finishReason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Gemini's answer could not be read")]
    public static partial void GeminiAnswerMalformed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Gemini's streamed answer stopped before it was complete")]
    public static partial void GeminiStreamInterrupted(this ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Gemini's stream broke before its first words; asking once more")]
    public static partial void GeminiStreamRestarted(this ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Gemini attempt {Attempt} failed ({Failure}); trying again in {Delay}")]
    public static partial void GeminiRetrying(this ILogger logger, int attempt, string failure, TimeSpan delay);
}
