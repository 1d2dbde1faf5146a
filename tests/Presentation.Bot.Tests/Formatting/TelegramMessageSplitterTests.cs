using System.Globalization;
using System.Text;
using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Tests.Formatting;

public sealed class TelegramMessageSplitterTests
{
    private const int Limit = TelegramMessageSplitter.TelegramMaxLength;

    [Fact]
    public void A_short_message_is_one_chunk_unchanged()
    {
        const string Html = "<b>hello</b> &amp; <a href=\"https://x.com\">bye</a>";

        TelegramMessageSplitter.Split(Html).Should().Equal(Html);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\n ")]
    [InlineData("<b> </b>")]
    public void Blank_html_gives_no_chunks(string html)
    {
        TelegramMessageSplitter.Split(html).Should().BeEmpty();
    }

    [Fact]
    public void Many_paragraphs_split_at_paragraph_boundaries_keeping_all_text_in_order()
    {
        var paragraphs = Enumerable.Range(1, 30).Select(index => Paragraph(index, 300)).ToList();
        var html = TelegramHtml.Render(string.Join("\n\n", paragraphs));

        var chunks = TelegramMessageSplitter.Split(html);

        chunks.Should().HaveCount(3);
        ShouldAllFit(chunks, Limit);
        chunks.SelectMany(chunk => TelegramHtml.ToPlainText(chunk).Split("\n\n")).Should().Equal(paragraphs);
    }

    [Fact]
    public void One_long_paragraph_splits_between_words()
    {
        var words = Enumerable.Range(1, 1000).Select(index => "word" + index.ToString("D4", CultureInfo.InvariantCulture)).ToList();
        var html = TelegramHtml.Render(string.Join(' ', words));
        html.Length.Should().BeCloseTo(9000, 10);

        var chunks = TelegramMessageSplitter.Split(html);

        chunks.Should().HaveCount(3);
        ShouldAllFit(chunks, Limit);
        chunks.SelectMany(chunk => TelegramHtml.ToPlainText(chunk).Split(' ')).Should().Equal(words);
    }

    [Fact]
    public void A_long_code_block_is_split_at_line_breaks_each_chunk_a_whole_code_block()
    {
        var code = string.Join('\n', Enumerable.Range(1, 133).Select(index => $"    total_{index} = compute({index}) if a < b else \"&\""));
        code.Length.Should().BeInRange(6000, 6100);
        const string Opening = "<pre><code class=\"language-python\">";

        var chunks = TelegramMessageSplitter.Split(TelegramHtml.Render("```python\n" + code + "\n```"));

        chunks.Should().HaveCountGreaterThan(1);
        ShouldAllFit(chunks, Limit);
        chunks.Should().OnlyContain(chunk => chunk.StartsWith(Opening, StringComparison.Ordinal) && chunk.EndsWith("</code></pre>", StringComparison.Ordinal));
        string.Join('\n', chunks.Select(TelegramHtml.ToPlainText)).Should().Be(code, "only the line break at each cut is dropped and indentation is kept");
    }

    [Fact]
    public void A_cut_never_lands_inside_an_entity()
    {
        var html = TelegramHtml.Render(string.Concat(Enumerable.Repeat("&<>", 3000)));

        var chunks = TelegramMessageSplitter.Split(html);

        chunks.Should().HaveCountGreaterThan(1);
        ShouldAllFit(chunks, Limit);
        chunks.Should().OnlyContain(chunk => IsOnlyEntities(chunk));
        string.Concat(chunks).Should().Be(html);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 5000));

        var chunks = TelegramMessageSplitter.Split(TelegramHtml.Render(emoji));

        chunks.Should().HaveCount(3);
        ShouldAllFit(chunks, Limit);
        chunks.Should().OnlyContain(chunk => HasOnlyWholeSurrogatePairs(chunk));
        string.Concat(chunks).Should().Be(emoji);
    }

    [Fact]
    public void Text_without_any_whitespace_is_cut_at_the_limit()
    {
        var chunks = TelegramMessageSplitter.Split(new string('a', 10_000));

        chunks.Select(chunk => chunk.Length).Should().Equal(4096, 4096, 1808);
    }

    [Fact]
    public void Persian_text_survives_splitting()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(0, 60).Select(_ => "این یک **متن** فارسی است که باید بدون تغییر به دست کاربر برسد 🌹 و شکسته نشود."));
        var html = TelegramHtml.Render(markdown);

        var chunks = TelegramMessageSplitter.Split(html, 1000);

        chunks.Should().HaveCountGreaterThan(1);
        ShouldAllFit(chunks, 1000);
        Words(chunks).Should().Equal(Words([html]));
    }

    [Fact]
    public void Tags_open_at_a_cut_are_closed_and_reopened_with_their_attributes()
    {
        var label = string.Join(' ', Enumerable.Range(1, 40).Select(index => "part" + index.ToString(CultureInfo.InvariantCulture)));
        var html = TelegramHtml.Render($"**[{label}](https://example.com/?a=1&b=2)**");

        var chunks = TelegramMessageSplitter.Split(html, 60);

        chunks.Should().HaveCountGreaterThan(3);
        ShouldAllFit(chunks, 60);
        chunks.Should().OnlyContain(chunk =>
            chunk.StartsWith("<b><a href=\"https://example.com/?a=1&amp;b=2\">part", StringComparison.Ordinal) &&
            chunk.EndsWith("</a></b>", StringComparison.Ordinal));
        Words(chunks).Should().Equal(label.Split(' '));
    }

    [Fact]
    public void Markup_stays_within_a_sane_raw_length()
    {
        var html = TelegramHtml.Render(new string('<', 9000));

        var chunks = TelegramMessageSplitter.Split(html);

        chunks.Should().OnlyContain(chunk => chunk.Length <= 2 * Limit);
        ShouldAllFit(chunks, Limit);
        string.Concat(chunks).Should().Be(html);
    }

    [Fact]
    public void Malformed_html_comes_out_balanced()
    {
        var chunks = TelegramMessageSplitter.Split("<b>bold <i>both</b> tail</i> </u> <a href=\"https://x.com\">open");

        chunks.Should().Equal("<b>bold <i>both</i></b> tail  <a href=\"https://x.com\">open</a>");
    }

    [Fact]
    public void Chunk_edges_carry_no_whitespace_and_no_empty_elements()
    {
        var html = TelegramHtml.Render(string.Join("\n\n", Enumerable.Range(1, 40).Select(index => $"**{Paragraph(index, 40)}**")));

        var chunks = TelegramMessageSplitter.Split(html, 100);

        chunks.Should().OnlyContain(chunk => chunk.Length > 0 && chunk.Trim() == chunk);
        chunks.Should().OnlyContain(chunk => !chunk.Contains("<b></b>", StringComparison.Ordinal));
    }

    internal static void ShouldAllFit(IReadOnlyList<string> chunks, int maxLength)
    {
        foreach (var chunk in chunks)
        {
            TelegramHtmlChecker.ShouldBeWellFormed(chunk);
            TelegramHtmlChecker.VisibleLength(chunk).Should().BeLessThanOrEqualTo(maxLength);
            TelegramHtml.ToPlainText(chunk).Should().NotBeNullOrWhiteSpace();
        }
    }

    private static string Paragraph(int index, int length)
    {
        var text = new StringBuilder("Paragraph ").Append(index.ToString(CultureInfo.InvariantCulture)).Append(':');
        while (text.Length < length)
        {
            text.Append(" lorem");
        }

        return text.ToString(0, length).TrimEnd();
    }

    private static string[] Words(IEnumerable<string> chunks) =>
        string.Join(' ', chunks.Select(TelegramHtml.ToPlainText)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsOnlyEntities(string chunk) =>
        chunk.Replace("&amp;", "", StringComparison.Ordinal)
            .Replace("&lt;", "", StringComparison.Ordinal)
            .Replace("&gt;", "", StringComparison.Ordinal)
            .Length == 0;

    private static bool HasOnlyWholeSurrogatePairs(string chunk)
    {
        for (var index = 0; index < chunk.Length; index++)
        {
            if (char.IsLowSurrogate(chunk[index]) || (char.IsHighSurrogate(chunk[index]) && (++index == chunk.Length || !char.IsLowSurrogate(chunk[index]))))
            {
                return false;
            }
        }

        return true;
    }
}
