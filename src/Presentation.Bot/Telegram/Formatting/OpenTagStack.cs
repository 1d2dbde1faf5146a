namespace CleanBot.Presentation.Bot.Telegram.Formatting;

/// <summary>The elements open at a point of the HTML, outermost first, and what reopening and closing them costs.</summary>
internal sealed class OpenTagStack
{
    private readonly List<OpenTag> _tags = [];

    public int Count => _tags.Count;

    public OpenTag this[int index] => _tags[index];

    public int ReopeningLength { get; private set; }

    public int ClosingLength { get; private set; }

    public void Push(OpenTag tag)
    {
        _tags.Add(tag);
        ReopeningLength += tag.Markup.Length;
        ClosingLength += tag.ClosingLength;
    }

    /// <returns>The position of the innermost open element with this name, or -1.</returns>
    public int LastIndexOf(ReadOnlySpan<char> name)
    {
        for (var index = _tags.Count - 1; index >= 0; index--)
        {
            if (name.Equals(_tags[index].Name, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }
        }

        return -1;
    }

    public bool Contains(string name) => LastIndexOf(name) >= 0;

    /// <summary>Closes every element from <paramref name="count"/> inwards.</summary>
    public void TruncateTo(int count)
    {
        for (var index = _tags.Count - 1; index >= count; index--)
        {
            ReopeningLength -= _tags[index].Markup.Length;
            ClosingLength -= _tags[index].ClosingLength;
        }

        _tags.RemoveRange(count, _tags.Count - count);
    }

    public void CopyFrom(OpenTagStack other)
    {
        TruncateTo(0);
        foreach (var tag in other._tags)
        {
            Push(tag);
        }
    }
}
