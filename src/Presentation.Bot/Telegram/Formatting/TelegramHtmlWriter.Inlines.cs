using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

// Inlines: emphasis, code spans, links and text.
internal sealed partial class TelegramHtmlWriter
{
    private void WriteInlines(ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            WriteInline(inline);
        }
    }

    private void WriteInline(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                WriteText(literal.Content.AsSpan());
                break;
            case EmphasisInline emphasis:
                WriteEmphasis(emphasis);
                break;
            case CodeInline code:
                WriteCodeSpan(code);
                break;
            case LinkInline link:
                WriteLink(link);
                break;
            case AutolinkInline autolink:
                WriteAutolink(autolink);
                break;
            case LineBreakInline:
                NewLine();
                break;
            case HtmlEntityInline entity:
                WriteText(entity.Transcoded.AsSpan());
                break;
            case TaskList task:
                WriteText(task.Checked ? "☑" : "☐");
                break;
            case ContainerInline container:
                WriteInlines(container);
                break;
            default:
                // Raw HTML and anything unforeseen: the model's own characters, escaped.
                WriteText(SourceOf(inline));
                break;
        }
    }

    private void WriteEmphasis(EmphasisInline emphasis)
    {
        if (emphasis.DelimiterChar == '~')
        {
            WriteFormatted(emphasis, InlineFormats.Strikethrough, "<s>", "</s>");
        }
        else if (emphasis.DelimiterCount >= 2)
        {
            WriteFormatted(emphasis, InlineFormats.Bold, "<b>", "</b>");
        }
        else
        {
            WriteFormatted(emphasis, InlineFormats.Italic, "<i>", "</i>");
        }
    }

    /// <summary>Wraps content in a tag unless the same format is already open: bold inside a bold heading adds nothing.</summary>
    private void WriteFormatted(ContainerInline content, InlineFormats format, string openTag, string closeTag)
    {
        if ((_activeFormats & format) != 0)
        {
            WriteInlines(content);
            return;
        }

        _activeFormats |= format;
        WriteMarkup(openTag);
        WriteInlines(content);
        _html.Append(closeTag);
        _activeFormats &= ~format;
    }

    private void WriteCodeSpan(CodeInline code)
    {
        // Telegram drops an entity with nothing visible in it, so blank code is just its spaces.
        if (string.IsNullOrWhiteSpace(code.Content))
        {
            WriteText(code.Content);
            return;
        }

        WriteMarkup("<code>");
        HtmlEscaper.AppendText(_html, code.Content);
        _html.Append("</code>");
    }

    private void WriteLink(LinkInline link)
    {
        var hasLabel = link.FirstChild is not null;
        if (_insideLink || !LinkPolicy.IsAllowed(link.Url))
        {
            if (hasLabel)
            {
                WriteInlines(link);
            }
            else
            {
                WriteText(link.Url);
            }

            return;
        }

        // Images become links to them, labelled with their description.
        WriteAnchorStart(link.Url);
        if (hasLabel)
        {
            WriteInlines(link);
        }
        else
        {
            HtmlEscaper.AppendText(_html, link.Url);
        }

        WriteAnchorEnd();
    }

    private void WriteAutolink(AutolinkInline autolink)
    {
        var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
        if (_insideLink || !LinkPolicy.IsAllowed(url))
        {
            WriteText(autolink.Url);
            return;
        }

        WriteAnchorStart(url);
        HtmlEscaper.AppendText(_html, autolink.Url);
        WriteAnchorEnd();
    }

    private void WriteAnchorStart(string url)
    {
        WriteMarkup("<a href=\"");
        HtmlEscaper.AppendAttribute(_html, url);
        _html.Append("\">");
        _insideLink = true;
    }

    private void WriteAnchorEnd()
    {
        _html.Append("</a>");
        _insideLink = false;
    }
}
