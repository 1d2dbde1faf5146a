using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>Reads the waits Gemini asks for, written as text.</summary>
internal static partial class RetryDelayText
{
    // A longer wait than this is not a retry hint worth trusting.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>A google.protobuf.Duration in JSON form: "37s", "1.5s".</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (text is null || !text.EndsWith('s'))
        {
            return null;
        }

        return ToTimeSpan(text.AsSpan(0, text.Length - 1), millisecondsPerUnit: 1000);
    }

    /// <summary>The wait named in a message such as "... Please retry in 12.3s." or "... retry in 566.04ms".</summary>
    public static TimeSpan? FindInMessage(string? message)
    {
        var match = message is null ? Match.Empty : RetryIn().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var millisecondsPerUnit = match.Groups["unit"].ValueSpan.Equals("ms", StringComparison.OrdinalIgnoreCase) ? 1 : 1000;
        return ToTimeSpan(match.Groups["value"].ValueSpan, millisecondsPerUnit);
    }

    private static TimeSpan? ToTimeSpan(ReadOnlySpan<char> number, double millisecondsPerUnit)
    {
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var milliseconds = value * millisecondsPerUnit;
        return milliseconds <= Longest.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }

    [GeneratedRegex(@"retry in (?<value>\d+(?:\.\d+)?)\s*(?<unit>ms|s)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RetryIn();
}
