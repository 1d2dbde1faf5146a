using CleanBot.Domain.Users;

namespace CleanBot.Domain.UnitTests.Users;

public sealed class PersonaTagsTests
{
    [Fact]
    public void Every_persona_has_its_own_tag_that_reads_back_and_fits_the_column()
    {
        var tags = PersonaTags.All.Select(persona => persona.ToTag()).ToList();

        tags.Should().OnlyHaveUniqueItems();
        tags.Should().AllSatisfy(tag => tag.Length.Should().BeLessThanOrEqualTo(PersonaTags.MaxLength));
        foreach (var persona in PersonaTags.All)
        {
            PersonaTags.TryFromTag(persona.ToTag(), out var read).Should().BeTrue();
            read.Should().Be(persona);
        }
    }

    [Fact]
    public void The_released_tags_stay_as_they_are()
    {
        // Stored in every user row: changing one would silently put users back in assistant mode.
        PersonaTags.All.Select(persona => persona.ToTag()).Should().Equal("assistant", "translator", "code", "writing", "tutor");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Translator")]
    [InlineData("translator ")]
    [InlineData("pirate")]
    public void Anything_but_an_exact_tag_is_not_a_persona(string tag)
    {
        PersonaTags.TryFromTag(tag, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("from-a-newer-version")]
    public void A_stored_tag_this_version_does_not_know_reads_as_the_assistant(string? tag)
    {
        PersonaTags.FromStoredTag(tag).Should().Be(Persona.Assistant);
    }
}
