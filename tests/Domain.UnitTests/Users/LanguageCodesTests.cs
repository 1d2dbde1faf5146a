using CleanBot.Domain.Users;

namespace CleanBot.Domain.UnitTests.Users;

public sealed class LanguageCodesTests
{
    [Theory]
    [InlineData("fa", Language.Persian)]
    [InlineData("FA", Language.Persian)]
    [InlineData("fa-IR", Language.Persian)]
    [InlineData("en", Language.English)]
    [InlineData("en-US", Language.English)]
    [InlineData("de", Language.English)]
    [InlineData("far", Language.English)]
    [InlineData("", Language.English)]
    [InlineData(null, Language.English)]
    public void Telegram_language_codes_map_to_persian_or_english(string? tag, Language expected) =>
        LanguageCodes.FromTag(tag).Should().Be(expected);

    [Fact]
    public void Languages_have_their_two_letter_tags()
    {
        Language.Persian.ToTag().Should().Be("fa");
        Language.English.ToTag().Should().Be("en");
    }
}
