using CleanBot.Application.Features.InlineAnswer;
using CleanBot.Domain.Users;

namespace CleanBot.Application.UnitTests.Features;

public sealed class InlineQuestionTests
{
    [Theory]
    [InlineData("What is DNS?", "what is dns?")]
    [InlineData("  What \t is\n\nDNS?  ", "what is dns?")]
    [InlineData("دی‌ان‌اس   چیست؟", "دی‌ان‌اس چیست؟")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalising_trims_joins_white_space_and_lowers_the_case(string text, string expected) =>
        InlineQuestion.Normalise(text).Should().Be(expected);

    [Fact]
    public void Normalising_composes_unicode_so_the_same_letters_make_the_same_question() =>
        InlineQuestion.Normalise("Cafe\u0301").Should().Be(InlineQuestion.Normalise("Caf\u00e9"));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  W  ", false)]
    [InlineData("Wh", false)]
    [InlineData("2+2", true)]
    [InlineData("سلام", true)]
    public void Only_a_query_of_at_least_three_characters_is_worth_asking(string? text, bool askable) =>
        InlineQuestion.IsAskable(text).Should().Be(askable);

    [Fact]
    public void The_same_question_typed_differently_has_one_cache_key_per_language()
    {
        var key = InlineQuestion.CacheKey("What is  DNS?", Language.English);

        InlineQuestion.CacheKey(" what is dns? ", Language.English).Should().Be(key);
        InlineQuestion.CacheKey("What is DNS?", Language.Persian).Should().NotBe(key);
        InlineQuestion.CacheKey("What is TCP?", Language.English).Should().NotBe(key);
        key.Should().MatchRegex("^inline:en:[0-9a-f]{64}$", "any text makes a short key of safe characters");
    }
}
