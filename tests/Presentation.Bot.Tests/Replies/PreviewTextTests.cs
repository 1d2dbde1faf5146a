using System.Text;
using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

namespace CleanBot.Presentation.Bot.Tests.Replies;

public sealed class PreviewTextTests
{
    [Fact]
    public void A_short_answer_is_previewed_as_the_finished_answer_would_be_rendered()
    {
        const string markdown = "Some **bold** and `code` <tags> & more";

        PreviewText.ToHtml(markdown).Should().Be(TelegramHtml.Render(markdown));
    }

    [Fact]
    public void Half_written_markdown_still_renders_to_html_telegram_accepts()
    {
        const string markdown = "Here is code:\n```csharp\nvar x = 1 < 2 && **not bold";

        var html = PreviewText.ToHtml(markdown);

        Fakes.TelegramHtmlRules.TryParse(html, out _, out var error).Should().BeTrue(error);
    }

    [Fact]
    public void A_preview_of_a_long_answer_is_its_first_message_only()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(1, 40).Select(n => $"Paragraph **{n}**: " + new string('x', 300)));

        var html = PreviewText.ToHtml(markdown);

        html.Length.Should().BeLessThanOrEqualTo(TelegramMessageSplitter.TelegramMaxLength);
        html.Should().Be(TelegramMessageSplitter.Split(TelegramHtml.Render(markdown))[0]);
    }

    [Fact]
    public void Only_a_bounded_window_of_the_answer_is_read()
    {
        var answer = new StringBuilder(new string('a', 100_000));

        PreviewText.WindowLength(answer).Should().Be(PreviewText.MarkdownWindow);
        PreviewText.WindowLength(new StringBuilder("short")).Should().Be(5);
    }

    [Fact]
    public void The_window_never_splits_a_surrogate_pair()
    {
        var answer = new StringBuilder(new string('a', PreviewText.MarkdownWindow - 1)).Append("😀").Append("tail");

        PreviewText.WindowLength(answer).Should().Be(PreviewText.MarkdownWindow - 1);
    }
}
