using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.InlineQueries;

namespace CleanBot.Presentation.Bot.Tests.Formatting;

public sealed class InlineMessageTextTests
{
    [Fact]
    public void An_answer_that_fits_one_message_is_rendered_whole() =>
        InlineMessageText.Fit("**DNS** maps names to addresses.").Should().Be("<b>DNS</b> maps names to addresses.");

    [Fact]
    public void A_longer_answer_keeps_its_first_message_cut_between_words_and_marked_with_an_ellipsis()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("**bold** words and `code` here,", 40));
        var markdown = string.Join("\n\n", Enumerable.Repeat(paragraph, 6));

        var fitted = InlineMessageText.Fit(markdown);

        TelegramHtmlChecker.ShouldBeWellFormed(fitted);
        TelegramHtmlChecker.VisibleLength(fitted).Should().BeLessThanOrEqualTo(TelegramMessageSplitter.TelegramMaxLength);
        fitted.Should().EndWith(InlineMessageText.Ellipsis);
        var visible = TelegramHtml.ToPlainText(fitted);
        visible.Should().StartWith("bold words and code here,");
        visible[..^InlineMessageText.Ellipsis.Length].Should().EndWith(",", "the cut falls between words");
    }

    [Theory]
    [InlineData("What is DNS?", 64, "What is DNS?")]
    [InlineData("  What\n is \t DNS?  ", 64, "What is DNS?")]
    [InlineData("one two three four five six", 15, "one two three…")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…")]
    public void A_preview_is_one_line_cut_at_a_space_when_one_is_near(string text, int maxLength, string expected) =>
        InlineMessageText.Preview(text, maxLength).Should().Be(expected);

    [Fact]
    public void A_preview_never_cuts_a_surrogate_pair() =>
        InlineMessageText.Preview("abcdefgh😀😀😀", 10).Should().Be("abcdefgh…");
}
