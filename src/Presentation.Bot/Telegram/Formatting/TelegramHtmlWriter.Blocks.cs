using System.Buffers;
using System.Globalization;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

// Blocks: paragraphs, headings, lists, quotes, code and tables.
internal sealed partial class TelegramHtmlWriter
{
    private const string Bullet = "• ";
    private const string ThematicBreak = "———";
    private const int MaxLanguageNameLength = 32;

    private static readonly SearchValues<char> LanguageNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#-_.");

    private void WriteBlocks(ContainerBlock container)
    {
        foreach (var block in container)
        {
            WriteBlock(block);
        }
    }

    private void WriteBlock(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                WriteHeading(heading);
                break;
            case ParagraphBlock paragraph:
                WriteParagraph(paragraph);
                break;
            case ListBlock list:
                WriteList(list);
                break;
            case QuoteBlock quote:
                WriteQuote(quote);
                break;
            case Table table:
                WriteTable(table);
                break;
            case FencedCodeBlock { ClosingFencedCharCount: 0, Lines.Count: 0 } unclosedFence:
                // A fence that opens nothing yet (often an answer cut short): show the line as typed.
                WriteSource(FirstLineOf(unclosedFence));
                break;
            case CodeBlock code:
                WriteCode(code);
                break;
            case ThematicBreakBlock:
                BeginBlock();
                WriteText(ThematicBreak);
                EndBlock();
                break;
            case LinkReferenceDefinitionGroup:
                // "[id]: url" lines only supply targets to links elsewhere.
                break;
            case ContainerBlock container:
                WriteBlocks(container);
                break;
            default:
                WriteSource(SourceOf(block));
                break;
        }
    }

    private void WriteHeading(HeadingBlock heading)
    {
        if (heading.Inline?.FirstChild is null)
        {
            return;
        }

        BeginBlock();
        WriteFormatted(heading.Inline, InlineFormats.Bold, "<b>", "</b>");
        EndBlock();
    }

    private void WriteParagraph(ParagraphBlock paragraph)
    {
        BeginBlock();
        if (paragraph.Inline is not null)
        {
            WriteInlines(paragraph.Inline);
        }

        EndBlock();
    }

    private void WriteList(ListBlock list)
    {
        BeginBlock();
        var outerTight = _tightList;
        _tightList = !list.IsLoose;
        var number = list.IsOrdered ? FirstNumber(list) : 0;
        foreach (var item in list)
        {
            BeginBlock();
            StartLine();
            if (list.IsOrdered)
            {
                _html.Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ");
                number++;
            }
            else
            {
                _html.Append(Bullet);
            }

            // The item's first block continues the marker's line; the rest are indented under it.
            _needsSeparator = false;
            _indentLevel++;
            if (item is ContainerBlock content)
            {
                WriteBlocks(content);
            }

            _indentLevel--;
            EndBlock();
        }

        _tightList = outerTight;
        EndBlock();
    }

    private static int FirstNumber(ListBlock list) =>
        int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;

    private void WriteQuote(QuoteBlock quote)
    {
        if (quote.Count == 0)
        {
            return;
        }

        BeginBlock();
        // Telegram cannot nest blockquotes: an inner quote simply continues the outer one.
        var opensQuote = !_insideQuote;
        if (opensQuote)
        {
            WriteMarkup("<blockquote>");
            _insideQuote = true;
        }

        WriteBlocks(quote);
        if (opensQuote)
        {
            _html.Append("</blockquote>");
            _insideQuote = false;
        }

        EndBlock();
    }

    private void WriteCode(CodeBlock code)
    {
        var lines = code.Lines;
        var lastLine = lines.Count - 1;
        while (lastLine >= 0 && lines.Lines[lastLine].Slice.AsSpan().IsWhiteSpace())
        {
            lastLine--;
        }

        // An empty <pre> is an entity Telegram refuses.
        if (lastLine < 0)
        {
            return;
        }

        BeginBlock();
        var language = code is FencedCodeBlock fenced && IsLanguageName(fenced.Info) ? fenced.Info : null;
        // Code keeps its own layout, so it is not indented like the list around it.
        _html.Append(language is null ? "<pre>" : "<pre><code class=\"language-");
        if (language is not null)
        {
            HtmlEscaper.AppendAttribute(_html, language);
            _html.Append("\">");
        }

        for (var index = 0; index <= lastLine; index++)
        {
            if (index > 0)
            {
                _html.Append('\n');
            }

            HtmlEscaper.AppendText(_html, lines.Lines[index].Slice.AsSpan());
        }

        _html.Append(language is null ? "</pre>" : "</code></pre>");
        _atLineStart = false;
        EndBlock();
    }

    private static bool IsLanguageName(string? info) =>
        !string.IsNullOrEmpty(info) && info.Length <= MaxLanguageNameLength && info.AsSpan().IndexOfAnyExcept(LanguageNameCharacters) < 0;

    private void WriteTable(Table table)
    {
        var rows = TableLayout.CellTexts(table);
        if (rows.Count == 0)
        {
            return;
        }

        BeginBlock();
        _html.Append("<pre>");
        TableLayout.Write(_html, rows, headerRows: table.Count > 0 && table[0] is TableRow { IsHeader: true } ? 1 : 0);
        _html.Append("</pre>");
        _atLineStart = false;
        EndBlock();
    }

    /// <summary>Shows a block exactly as the model typed it, escaped; for what has no better rendering.</summary>
    private void WriteSource(ReadOnlySpan<char> source)
    {
        if (source.IsWhiteSpace())
        {
            return;
        }

        BeginBlock();
        WriteText(source);
        EndBlock();
    }

    private ReadOnlySpan<char> FirstLineOf(Block block)
    {
        var rest = markdown.AsSpan(Math.Clamp(block.Span.Start, 0, markdown.Length));
        var lineEnd = rest.IndexOfAny('\r', '\n');
        return lineEnd < 0 ? rest : rest[..lineEnd];
    }
}
