using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Tests.Formatting;

public sealed class TelegramHtmlRenderTests
{
    [Fact]
    public void Inline_formats_become_telegram_tags()
    {
        var html = TelegramHtml.Render("**bold**, *italic*, _also italic_, __also bold__, ~~gone~~ and `x < y`");

        html.Should().Be("<b>bold</b>, <i>italic</i>, <i>also italic</i>, <b>also bold</b>, <s>gone</s> and <code>x &lt; y</code>");
    }

    [Fact]
    public void Nested_emphasis_is_kept_but_the_same_format_is_not_repeated()
    {
        TelegramHtml.Render("*a **b** c*").Should().Be("<i>a <b>b</b> c</i>");
        TelegramHtml.Render("# Title with **bold**").Should().Be("<b>Title with bold</b>");
    }

    [Fact]
    public void Paragraphs_are_separated_by_a_blank_line_and_line_breaks_are_kept()
    {
        TelegramHtml.Render("# Title\nfirst line\nsecond line\n\nnext paragraph")
            .Should().Be("<b>Title</b>\n\nfirst line\nsecond line\n\nnext paragraph");
    }

    [Fact]
    public void Lists_become_bullet_and_numbered_lines_indented_by_depth()
    {
        var html = TelegramHtml.Render("- a\n- b\n  - c with **bold**\n  - d\n- e\n\n3. three\n4. four\n   continued\n\nafter");

        html.Should().Be(
            "• a\n• b\n    • c with <b>bold</b>\n    • d\n• e\n\n" +
            "3. three\n4. four\n    continued\n\n" +
            "after");
    }

    [Fact]
    public void Task_list_items_show_check_boxes()
    {
        TelegramHtml.Render("- [x] done\n- [ ] todo").Should().Be("• ☑ done\n• ☐ todo");
    }

    [Fact]
    public void Block_quotes_become_one_blockquote_even_when_nested()
    {
        TelegramHtml.Render("> said **this**\n> and that\n>\n> > nested")
            .Should().Be("<blockquote>said <b>this</b>\nand that\n\nnested</blockquote>");
    }

    [Fact]
    public void Fenced_code_with_a_language_is_pre_with_a_language_class_and_escaped()
    {
        var html = TelegramHtml.Render("```python\nif a < b and c > d:\n    print(\"&\")\n```");

        html.Should().Be("<pre><code class=\"language-python\">if a &lt; b and c &gt; d:\n    print(\"&amp;\")</code></pre>");
    }

    [Fact]
    public void Code_without_a_usable_language_is_bare_pre()
    {
        TelegramHtml.Render("    indented\n    code").Should().Be("<pre>indented\ncode</pre>");
        TelegramHtml.Render("```\nplain\n```").Should().Be("<pre>plain</pre>");
        TelegramHtml.Render("```a\"b\nx\n```").Should().Be("<pre>x</pre>");
    }

    [Fact]
    public void Text_is_escaped()
    {
        TelegramHtml.Render("1 < 2 && 3 > 2").Should().Be("1 &lt; 2 &amp;&amp; 3 &gt; 2");
    }

    [Fact]
    public void Html_from_the_model_is_shown_as_text_never_passed_through()
    {
        TelegramHtml.Render("hi <script>alert(1)</script> <b>x</b>")
            .Should().Be("hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;");
        TelegramHtml.Render("<div>\nblock\n</div>").Should().Be("&lt;div&gt;\nblock\n&lt;/div&gt;");
    }

    [Theory]
    [InlineData("[site](https://example.com/a?b=1&c=\"2\")", "<a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">site</a>")]
    [InlineData("[bot](tg://resolve?domain=x)", "<a href=\"tg://resolve?domain=x\">bot</a>")]
    [InlineData("[mail](mailto:a@b.co)", "<a href=\"mailto:a@b.co\">mail</a>")]
    [InlineData("<https://auto.link/x>", "<a href=\"https://auto.link/x\">https://auto.link/x</a>")]
    [InlineData("see www.example.com", "see <a href=\"http://www.example.com\">www.example.com</a>")]
    [InlineData("[**bold** link](http://x.io)", "<a href=\"http://x.io\"><b>bold</b> link</a>")]
    public void Links_with_allowed_schemes_are_linked(string markdown, string expected)
    {
        TelegramHtml.Render(markdown).Should().Be(expected);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))", "click me")]
    [InlineData("[data](data:text/html,hi)", "data")]
    [InlineData("[docs](/relative/path)", "docs")]
    public void Links_with_other_schemes_stay_plain_text(string markdown, string expected)
    {
        TelegramHtml.Render(markdown).Should().Be(expected);
    }

    [Fact]
    public void Images_become_links_to_the_image()
    {
        TelegramHtml.Render("![a cat](https://img.example/cat.png)").Should().Be("<a href=\"https://img.example/cat.png\">a cat</a>");
    }

    [Fact]
    public void Thematic_break_is_a_line_of_dashes()
    {
        TelegramHtml.Render("above\n\n---\n\nbelow").Should().Be("above\n\n———\n\nbelow");
    }

    [Fact]
    public void Tables_become_aligned_preformatted_text()
    {
        TelegramHtml.Render("| name | value |\n|---|---|\n| a | **1** |\n| longer | 2 |")
            .Should().Be("<pre>name   | value\n-------+------\na      | 1\nlonger | 2</pre>");
    }

    [Theory]
    [InlineData("**unclosed", "**unclosed")]
    [InlineData("```unclosed fence", "```unclosed fence")]
    [InlineData("[x](", "[x](")]
    [InlineData("_", "_")]
    [InlineData("*a _b `c [d](e", "*a _b `c [d](e")]
    public void Broken_markdown_renders_its_text(string markdown, string expectedText)
    {
        var html = TelegramHtml.Render(markdown);

        TelegramHtmlChecker.ShouldBeWellFormed(html);
        TelegramHtml.ToPlainText(html).Should().Be(expectedText);
    }

    [Fact]
    public void An_unclosed_fence_with_code_still_renders_the_code()
    {
        TelegramHtml.Render("```python\nprint(1)").Should().Be("<pre><code class=\"language-python\">print(1)</code></pre>");
    }

    [Fact]
    public void Absurdly_deep_nesting_falls_back_to_escaped_text()
    {
        var markdown = new string('>', 5000) + " <deep>";

        var html = TelegramHtml.Render(markdown);

        TelegramHtml.ToPlainText(html).Should().Be(markdown);
        TelegramHtmlChecker.ShouldBeWellFormed(html);
    }

    [Fact]
    public void Persian_text_and_emoji_are_kept_intact()
    {
        const string Markdown = "سلام **دنیا** 😀👍🏽 این یک _متن_ فارسی است";

        var html = TelegramHtml.Render(Markdown);

        html.Should().Be("سلام <b>دنیا</b> 😀👍🏽 این یک <i>متن</i> فارسی است");
        TelegramHtml.ToPlainText(html).Should().Be("سلام دنیا 😀👍🏽 این یک متن فارسی است");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    public void Blank_markdown_renders_nothing(string markdown)
    {
        TelegramHtml.Render(markdown).Should().BeEmpty();
    }

    [Fact]
    public void Plain_text_drops_tags_and_decodes_entities()
    {
        var plain = TelegramHtml.ToPlainText(
            "<b>a &lt; b</b> &amp; <a href=\"https://x.com/?q=1&amp;r=2\">c &quot;d&quot;</a> &#128512; &#x41; &nbsp; x < y");

        plain.Should().Be("a < b & c \"d\" 😀 A &nbsp; x < y");
    }
}
