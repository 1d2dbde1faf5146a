using System.Text;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Menus;

namespace CleanBot.Presentation.Bot.Tests.Menus;

public sealed class ButtonDataTests
{
    [Fact]
    public void Every_button_the_bot_makes_reads_back_as_its_choice_and_fits_Telegrams_limit()
    {
        var made = PersonaTags.All.Select(persona => (Data: ButtonData.For(persona), Choice: (MenuChoice)new MenuChoice.OfPersona(persona)))
            .Concat(Enum.GetValues<Language>().Select(language => (Data: ButtonData.For(language), Choice: (MenuChoice)new MenuChoice.OfLanguage(language))))
            .ToList();

        foreach (var (data, choice) in made)
        {
            Encoding.UTF8.GetByteCount(data).Should().BeLessThanOrEqualTo(ButtonData.MaxLength);
            ButtonData.TryParse(data, out var read).Should().BeTrue();
            read.Should().Be(choice);
        }

        made.Select(entry => entry.Data).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mode")]
    [InlineData("mode:")]
    [InlineData("MODE:tutor")]
    [InlineData("mode:tutor:extra")]
    [InlineData(" mode:tutor")]
    [InlineData("lang:fa-IR")]
    [InlineData("lang:EN")]
    [InlineData("lang:xx")]
    [InlineData("persona:tutor")]
    public void Anything_else_is_not_a_button_of_the_bot(string? data)
    {
        ButtonData.TryParse(data, out var choice).Should().BeFalse();
        choice.Should().BeNull();
    }
}
