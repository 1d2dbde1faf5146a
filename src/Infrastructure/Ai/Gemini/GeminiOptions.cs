using System.ComponentModel.DataAnnotations;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// How to reach Gemini. Bound from the <c>Gemini</c> configuration section. A plain class rather than a record, so
/// its <see cref="object.ToString"/> names only the type and the key cannot leak through a logged options object.
/// </summary>
public sealed class GeminiOptions
{
    public const string SectionName = "Gemini";

    [Required]
    public string ApiKey { get; set; } = string.Empty;

    [Required]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>The API's root; tests point it at a local fake.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://generativelanguage.googleapis.com");

    /// <summary>How long one attempt may take, answer body included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a call may take across all its attempts and the waits between them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first wait between attempts; later waits grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait Gemini may ask for (RetryInfo or Retry-After) that is still waited out before retrying.
    /// A longer one is reported at once as rate limited, so the user hears about it instead of waiting in silence.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan MaxServerRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sampling temperature; the model's own default when not set.</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>A cap on the answer's length in tokens; the model's own default when not set.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxOutputTokens { get; set; }
}
