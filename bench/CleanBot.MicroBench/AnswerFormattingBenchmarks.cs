using System.Text;
using BenchmarkDotNet.Attributes;
using CleanBot.Presentation.Bot.Telegram.Formatting;

namespace CleanBot.MicroBench;

/// <summary>
/// What every model answer goes through before it is sent: Markdown to Telegram HTML, then split into messages of at
/// most 4,096 visible characters. A 9,000-character answer (three messages) with the usual mix of Markdown.
/// </summary>
[MemoryDiagnoser]
public class AnswerFormattingBenchmarks
{
    private string _markdown = string.Empty;
    private string _html = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _markdown = LongAnswer(9_000);
        _html = TelegramHtml.Render(_markdown);
    }

    [Benchmark]
    public string Render() => TelegramHtml.Render(_markdown);

    [Benchmark]
    public IReadOnlyList<string> Split() => TelegramMessageSplitter.Split(_html);

    [Benchmark(Baseline = true)]
    public IReadOnlyList<string> RenderAndSplit() => TelegramMessageSplitter.Split(TelegramHtml.Render(_markdown));

    internal static string LongAnswer(int length)
    {
        var answer = new StringBuilder(length + 500);
        for (var section = 1; answer.Length < length; section++)
        {
            answer.Append("## Part ").Append(section).Append("\n\n")
                .Append("Here is **bold**, *italic*, `inline code` and a [link](https://example.com/").Append(section)
                .Append("). Persian too: سلام، حال شما چطور است؟ And an emoji 🙂 with <angle> & ampersand.\n\n")
                .Append("- first point about the topic\n- second point, a little longer than the first one\n\n")
                .Append("```csharp\nvar total = items.Sum(item => item.Price * item.Quantity);\n```\n\n")
                .Append("> A quoted line that someone said earlier in the conversation.\n\n");
        }

        return answer.ToString(0, length);
    }
}
