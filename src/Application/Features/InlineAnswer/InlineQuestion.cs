using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanBot.Domain.Users;

namespace CleanBot.Application.Features.InlineAnswer;

/// <summary>
/// The rules for the text of an inline query: when it is worth asking the model, and when two queries are the same
/// question (so the second is answered from the cache).
/// </summary>
public static class InlineQuestion
{
    /// <summary>Telegram's own limit for an inline query's text.</summary>
    public const int MaxLength = 256;

    /// <summary>Shorter queries are usually the first keystrokes of a question: they get a hint, not a model call.</summary>
    public const int MinLength = 3;

    /// <summary>The text as a question: surrounding space trimmed, runs of white space as one space, composed Unicode
    /// and lower case, so "What is  DNS?" and "what is dns?" are one question.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = normalised.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                normalised.Append(' ');
                pendingSpace = false;
            }

            normalised.Append(char.ToLowerInvariant(character));
        }

        return normalised.ToString();
    }

    /// <summary>Whether the query is long enough to ask the model about.</summary>
    public static bool IsAskable(string? text) => text is not null && Normalise(text).Length >= MinLength;

    /// <summary>The cache key of a question's answer in a language: a hash, so any text makes a short, safe key.</summary>
    public static string CacheKey(string text, Language language)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text)));
        return string.Create(CultureInfo.InvariantCulture, $"inline:{language.ToTag()}:{Convert.ToHexStringLower(hash)}");
    }
}
