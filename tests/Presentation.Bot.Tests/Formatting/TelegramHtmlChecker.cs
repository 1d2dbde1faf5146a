using System.Text;
using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.Presentation.Bot.Tests.Formatting;

/// <summary>Checks a message the way Telegram's HTML parser would: only supported tags, properly nested and closed,
/// no bare '&lt;', '&gt;' or stray '&amp;'.</summary>
internal static class TelegramHtmlChecker
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.Ordinal)
    {
        "b", "i", "u", "s", "code", "pre", "a", "blockquote", "tg-spoiler",
    };

    private static readonly string[] Entities = ["&lt;", "&gt;", "&amp;", "&quot;"];

    /// <returns>Null when well formed, otherwise what is wrong.</returns>
    public static string? FindProblem(string html)
    {
        var open = new Stack<string>();
        for (var index = 0; index < html.Length; index++)
        {
            switch (html[index])
            {
                case '>':
                    return $"bare '>' at {index}";
                case '&' when !Entities.Any(entity => html.AsSpan(index).StartsWith(entity, StringComparison.Ordinal)):
                    return $"bare '&' at {index}";
                case '<':
                    var end = html.IndexOf('>', index);
                    if (end < 0)
                    {
                        return $"bare '<' at {index}";
                    }

                    var problem = CheckTag(html[(index + 1)..end], open);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    index = end;
                    break;
            }
        }

        return open.Count == 0 ? null : $"<{open.Peek()}> is never closed";
    }

    private static string? CheckTag(string tag, Stack<string> open)
    {
        if (tag.StartsWith('/'))
        {
            var closing = tag[1..];
            if (!open.TryPop(out var expected) || expected != closing)
            {
                return $"</{closing}> does not close the innermost open tag";
            }

            return null;
        }

        var name = tag.Split(' ', 2)[0];
        if (!AllowedTags.Contains(name))
        {
            return $"<{name}> is not a Telegram tag";
        }

        if (open.TryPeek(out var parent) && parent is "code" or "pre" && !(parent == "pre" && name == "code"))
        {
            return $"<{name}> inside <{parent}>";
        }

        if (name == "a" && !tag.StartsWith("a href=\"", StringComparison.Ordinal))
        {
            return $"<{tag}> has no href";
        }

        open.Push(name);
        return null;
    }

    public static void ShouldBeWellFormed(string html) =>
        FindProblem(html).Should().BeNull($"Telegram must accept the HTML:{Environment.NewLine}{html}");

    /// <summary>What Telegram counts against the 4096 limit.</summary>
    public static int VisibleLength(string html) => TelegramHtml.ToPlainText(html).Length;

    public static string WithoutWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (!char.IsWhiteSpace(character))
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }
}
