namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>
/// Splits Telegram HTML into messages Telegram accepts: each at most <c>maxLength</c> visible characters (what Telegram
/// counts after parsing entities) and twice that of markup (10,000 at most), with balanced tags, cut at a blank line,
/// a line break or a space when one is near, and never inside a tag, an entity or a surrogate pair.
/// </summary>
internal static class TelegramMessageSplitter
{
    public const int TelegramMaxLength = 4096;

    // Telegram limits parsed text only; bounding the markup too keeps request bodies small and predictable.
    // Only tags reopened at a cut that are longer than the bound on their own exceed it, by the one character taken to move on.
    private const int MaxRawLength = 10_000;

    /// <returns>The chunks in order; none is empty or whitespace only, so blank input gives none.</returns>
    public static IReadOnlyList<string> Split(string html, int maxLength = TelegramMaxLength)
    {
        ArgumentNullException.ThrowIfNull(html);
        // Two UTF-16 units, so a surrogate pair always fits.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        var limits = new ChunkLimits(maxLength, (int)Math.Min(MaxRawLength, 2L * maxLength));
        var chunks = new List<string>();
        var writer = new ChunkWriter(html);
        var tagsAhead = new OpenTagStack();
        for (var position = 0; position < html.Length;)
        {
            tagsAhead.CopyFrom(writer.OpenTags);
            var cut = FindCut(html, position, tagsAhead, limits);
            writer.Write(position, cut);
            if (writer.Finish() is { } chunk)
            {
                chunks.Add(chunk);
            }

            position = cut;
        }

        return chunks;
    }

    /// <summary>Reads ahead from <paramref name="start"/> as far as the limits allow and picks where the chunk ends.</summary>
    /// <param name="openTags">The elements open at <paramref name="start"/>; updated while reading.</param>
    private static int FindCut(string html, int start, OpenTagStack openTags, ChunkLimits limits)
    {
        // Raw length counts the reopened tags and the closing tags the chunk would need if it ended here.
        var rawLength = openTags.ReopeningLength + openTags.ClosingLength;
        var visibleLength = 0;
        var hasText = false;
        var textEnd = start;
        var whitespaceStart = -1;
        var whitespaceVisibleLength = 0;
        var lineBreaks = 0;
        var breaks = default(BreakCandidates);

        for (var position = start; position < html.Length;)
        {
            var token = HtmlToken.Read(html, position);
            if (token.Kind == HtmlTokenKind.OpeningTag)
            {
                var tag = OpenTag.From(html, token);
                var tagLength = tag.Markup.Length + tag.ClosingLength;
                if (hasText && rawLength + tagLength > limits.Raw)
                {
                    return breaks.Choose(textEnd, visibleLength);
                }

                openTags.Push(tag);
                rawLength += tagLength;
            }
            else if (token.Kind == HtmlTokenKind.ClosingTag)
            {
                // Closing moves the tag's cost from "needed at the end" to "written", so the raw length is unchanged.
                var index = openTags.LastIndexOf(token.Name(html));
                if (index >= 0)
                {
                    openTags.TruncateTo(index);
                }
            }
            else
            {
                var isWhitespace = token.IsWhitespace(html);
                if (isWhitespace && !hasText)
                {
                    if (ChunkWriter.IsDroppedAtChunkStart(html[position], openTags.Contains("pre")))
                    {
                        position += token.Length;
                        continue;
                    }
                }
                else if (isWhitespace)
                {
                    if (whitespaceStart < 0)
                    {
                        whitespaceStart = position;
                        whitespaceVisibleLength = visibleLength;
                        lineBreaks = 0;
                    }

                    lineBreaks += html[position] == '\n' ? 1 : 0;
                    breaks.Offer(whitespaceStart, whitespaceVisibleLength, lineBreaks);
                }

                if (visibleLength + token.VisibleLength > limits.Visible || rawLength + token.Length > limits.Raw)
                {
                    if (hasText)
                    {
                        return breaks.Choose(textEnd, visibleLength);
                    }

                    // Nothing visible fits (the reopened tags alone are too long): take one token anyway to move on.
                    return position > start ? position : position + token.Length;
                }

                visibleLength += token.VisibleLength;
                rawLength += token.Length;
                if (!isWhitespace)
                {
                    hasText = true;
                    whitespaceStart = -1;
                    textEnd = position + token.Length;
                }
            }

            position += token.Length;
        }

        return html.Length;
    }

    private readonly record struct ChunkLimits(int Visible, int Raw);
}
