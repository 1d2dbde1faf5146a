using System.Text;
using Markdig.Syntax;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>
/// Walks a Markdig document once and writes Telegram HTML: only b, i, s, code, pre, a and blockquote, with every other
/// construct turned into text (headings bold, lists as bullet lines, tables as aligned monospace text).
/// </summary>
internal sealed partial class TelegramHtmlWriter(string markdown)
{
    private const string Indentation = "    ";

    private readonly StringBuilder _html = new(markdown.Length + (markdown.Length / 8));
    private int _indentLevel;
    private bool _atLineStart = true;
    private bool _needsSeparator;
    private bool _tightList;
    private bool _insideQuote;
    private bool _insideLink;
    private InlineFormats _activeFormats;

    [Flags]
    private enum InlineFormats
    {
        None = 0,
        Bold = 1,
        Italic = 2,
        Strikethrough = 4,
    }

    public string Write(MarkdownDocument document)
    {
        WriteBlocks(document);
        return _html.ToString();
    }

    private ReadOnlySpan<char> SourceOf(MarkdownObject node)
    {
        var start = Math.Clamp(node.Span.Start, 0, markdown.Length);
        var length = Math.Clamp(node.Span.Length, 0, markdown.Length - start);
        return markdown.AsSpan(start, length);
    }

    /// <summary>Separates a block from the one before it: a blank line, or one line break inside a tight list.</summary>
    private void BeginBlock()
    {
        if (_needsSeparator)
        {
            NewLine();
            if (!_tightList)
            {
                NewLine();
            }
        }

        _needsSeparator = false;
    }

    private void EndBlock() => _needsSeparator = true;

    private void NewLine()
    {
        _html.Append('\n');
        _atLineStart = true;
    }

    /// <summary>Indents a line only once something is written on it, so blank lines stay empty.</summary>
    private void StartLine()
    {
        if (!_atLineStart)
        {
            return;
        }

        for (var level = 0; level < _indentLevel; level++)
        {
            _html.Append(Indentation);
        }

        _atLineStart = false;
    }

    private void WriteMarkup(string markup)
    {
        StartLine();
        _html.Append(markup);
    }

    private void WriteText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        StartLine();
        HtmlEscaper.AppendText(_html, text);
    }
}
