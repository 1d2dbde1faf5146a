namespace CleanBot.Domain.Users;

/// <summary>
/// The stable tag of each persona, as stored and as carried in button data. Tags never change once released; the enum
/// may be reordered or grow without touching stored rows.
/// </summary>
public static class PersonaTags
{
    public const int MaxLength = 16;

    /// <summary>Every persona, in the order a menu lists them.</summary>
    public static IReadOnlyList<Persona> All { get; } = Enum.GetValues<Persona>();

    public static string ToTag(this Persona persona) => persona switch
    {
        Persona.Assistant => "assistant",
        Persona.Translator => "translator",
        Persona.CodeHelper => "code",
        Persona.WritingEditor => "writing",
        Persona.Tutor => "tutor",
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    /// <summary>Reads a tag exactly as <see cref="ToTag"/> writes it; anything else is not a persona.</summary>
    public static bool TryFromTag(ReadOnlySpan<char> tag, out Persona persona)
    {
        foreach (var candidate in All)
        {
            if (tag.Equals(candidate.ToTag(), StringComparison.Ordinal))
            {
                persona = candidate;
                return true;
            }
        }

        persona = Persona.Assistant;
        return false;
    }

    /// <summary>A stored tag; one this version does not know (written by a newer one) falls back to the assistant.</summary>
    public static Persona FromStoredTag(string? tag) => TryFromTag(tag, out var persona) ? persona : Persona.Assistant;
}
