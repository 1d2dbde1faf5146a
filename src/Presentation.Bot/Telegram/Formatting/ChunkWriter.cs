using System.Text;

namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>
/// Copies ranges of HTML into one chunk at a time. Open tags are written only before the first character they wrap,
/// so a chunk never starts with elements that close at once; tags still open when a chunk ends are closed there
/// and reopened, with the same attributes, in the next one.
/// </summary>
internal sealed class ChunkWriter(string html)
{
    private readonly StringBuilder _chunk = new();
    private int _writtenTags;
    private bool _hasText;

    public OpenTagStack OpenTags { get; } = new();

    /// <summary>Whitespace at the start of a chunk is dropped, except indentation inside code, which means something.</summary>
    public static bool IsDroppedAtChunkStart(char whitespace, bool insidePre) => !insidePre || whitespace is '\n' or '\r';

    public void Write(int start, int end)
    {
        for (var position = start; position < end;)
        {
            var token = HtmlToken.Read(html, position);
            switch (token.Kind)
            {
                case HtmlTokenKind.OpeningTag:
                    OpenTags.Push(OpenTag.From(html, token));
                    break;
                case HtmlTokenKind.ClosingTag:
                    Close(token);
                    break;
                default:
                    WriteCharacter(token);
                    break;
            }

            position += token.Length;
        }
    }

    /// <returns>The chunk, or null when nothing but whitespace was written since the last one.</returns>
    public string? Finish()
    {
        string? chunk = null;
        if (_hasText)
        {
            TrimTrailingWhitespace();
            for (var index = _writtenTags - 1; index >= 0; index--)
            {
                OpenTags[index].AppendClosing(_chunk);
            }

            chunk = _chunk.ToString();
        }

        _chunk.Clear();
        _writtenTags = 0;
        _hasText = false;
        return chunk;
    }

    private void Close(HtmlToken token)
    {
        // A closing tag with nothing open to match is dropped: it would make Telegram refuse the chunk.
        var index = OpenTags.LastIndexOf(token.Name(html));
        if (index < 0)
        {
            return;
        }

        for (var written = _writtenTags - 1; written >= index; written--)
        {
            OpenTags[written].AppendClosing(_chunk);
        }

        _writtenTags = Math.Min(_writtenTags, index);
        OpenTags.TruncateTo(index);
    }

    private void WriteCharacter(HtmlToken token)
    {
        var isWhitespace = token.IsWhitespace(html);
        if (isWhitespace && !_hasText && IsDroppedAtChunkStart(html[token.Start], OpenTags.Contains("pre")))
        {
            return;
        }

        for (; _writtenTags < OpenTags.Count; _writtenTags++)
        {
            _chunk.Append(OpenTags[_writtenTags].Markup);
        }

        _chunk.Append(html, token.Start, token.Length);
        _hasText |= !isWhitespace;
    }

    private void TrimTrailingWhitespace()
    {
        var length = _chunk.Length;
        while (length > 0 && char.IsWhiteSpace(_chunk[length - 1]))
        {
            length--;
        }

        _chunk.Length = length;
    }
}
