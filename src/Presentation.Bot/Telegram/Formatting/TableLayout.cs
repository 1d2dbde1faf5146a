using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>Lays a Markdown table out as aligned monospace text, since Telegram has no tables.</summary>
internal static class TableLayout
{
    private const string ColumnSeparator = " | ";
    private const string RuleSeparator = "-+-";

    public static List<string[]> CellTexts(Table table)
    {
        var rows = new List<string[]>(table.Count);
        var text = new StringBuilder();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = new string[row.Count];
            for (var index = 0; index < row.Count; index++)
            {
                text.Clear();
                if (row[index] is ContainerBlock cell)
                {
                    AppendText(text, cell);
                }

                cells[index] = text.ToString().Trim();
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>Writes the rows, each cell padded to its column's width, with a rule under the header.</summary>
    public static void Write(StringBuilder html, List<string[]> rows, int headerRows)
    {
        var widths = new int[rows.Max(row => row.Length)];
        foreach (var row in rows)
        {
            for (var column = 0; column < row.Length; column++)
            {
                widths[column] = Math.Max(widths[column], row[column].Length);
            }
        }

        for (var index = 0; index < rows.Count; index++)
        {
            if (index > 0)
            {
                html.Append('\n');
            }

            WriteRow(html, rows[index], widths);
            if (index == headerRows - 1)
            {
                html.Append('\n');
                WriteRule(html, widths);
            }
        }
    }

    private static void WriteRow(StringBuilder html, string[] cells, int[] widths)
    {
        for (var column = 0; column < cells.Length; column++)
        {
            if (column > 0)
            {
                html.Append(ColumnSeparator);
            }

            HtmlEscaper.AppendText(html, cells[column]);
            // No padding after the last cell: trailing spaces only cost length.
            if (column < cells.Length - 1)
            {
                html.Append(' ', widths[column] - cells[column].Length);
            }
        }
    }

    private static void WriteRule(StringBuilder html, int[] widths)
    {
        for (var column = 0; column < widths.Length; column++)
        {
            if (column > 0)
            {
                html.Append(RuleSeparator);
            }

            html.Append('-', Math.Max(widths[column], 1));
        }
    }

    private static void AppendText(StringBuilder text, ContainerBlock cell)
    {
        foreach (var block in cell)
        {
            if (block is LeafBlock { Inline: { } inline })
            {
                AppendText(text, inline);
            }
        }
    }

    private static void AppendText(StringBuilder text, ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case TaskList task:
                    text.Append(task.Checked ? '☑' : '☐');
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline nested:
                    AppendText(text, nested);
                    break;
            }
        }
    }
}
