namespace CleanBot.Domain.Users;

public static class LanguageCodes
{
    /// <summary>Maps an IETF tag as Telegram reports it ("fa", "fa-IR", "en-US", null) to a language the bot speaks.</summary>
    public static Language FromTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return Language.English;
        }

        var primary = tag.AsSpan().Trim();
        var dash = primary.IndexOfAny('-', '_');
        if (dash >= 0)
        {
            primary = primary[..dash];
        }

        return primary.Equals("fa", StringComparison.OrdinalIgnoreCase) ? Language.Persian : Language.English;
    }

    public static string ToTag(this Language language) => language == Language.Persian ? "fa" : "en";
}
