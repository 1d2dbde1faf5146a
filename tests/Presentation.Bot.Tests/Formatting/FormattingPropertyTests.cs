using System.Text;
using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Tests.Formatting;

/// <summary>Random Markdown-ish answers, seeded so a failure can be replayed: whatever the model sends,
/// rendering and splitting must give messages Telegram accepts, without losing text.</summary>
public sealed class FormattingPropertyTests
{
    private static readonly string[] Pieces =
    [
        "*", "**", "_", "__", "`", "```", "```python\n", "~~", "[", "]", "(", ")", "](", "](https://example.com/?a=1&b=2)",
        "#", "# ", "> ", "- ", "1. ", "|", "---", "\n", "\n", "\n\n", " ", " ", " ", "    ", "<", ">", "&", "&amp;",
        "<b>", "<script>", "http://x.io", "www.y.com", "javascript:alert(1)", "سلام", "متن", "فارسی", "😀", "👍🏽", "🌹",
        "word", "text", "a", "1",
    ];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rendering_and_splitting_random_markdown_gives_valid_chunks_keeping_the_text(int seed)
    {
        var markdown = RandomMarkdown(new Random(seed));

        var html = TelegramHtml.Render(markdown);

        TelegramHtmlChecker.ShouldBeWellFormed(html);
        var expectedText = TelegramHtmlChecker.WithoutWhitespace(TelegramHtml.ToPlainText(html));
        foreach (var maxLength in (int[])[TelegramMessageSplitter.TelegramMaxLength, 50])
        {
            var chunks = TelegramMessageSplitter.Split(html, maxLength);

            TelegramMessageSplitterTests.ShouldAllFit(chunks, maxLength);
            TelegramHtmlChecker.WithoutWhitespace(string.Concat(chunks.Select(TelegramHtml.ToPlainText)))
                .Should().Be(expectedText, "splitting at {0} must keep the text of seed {1}", maxLength, seed);
        }
    }

    private static string RandomMarkdown(Random random)
    {
        // Mostly short answers, some long enough to need several messages.
        var pieceCount = random.Next(10) == 0 ? random.Next(1000, 4000) : random.Next(0, 200);
        var markdown = new StringBuilder();
        for (var index = 0; index < pieceCount; index++)
        {
            markdown.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return markdown.ToString();
    }
}
