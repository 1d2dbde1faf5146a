using System.Text;
using BenchmarkDotNet.Attributes;
using CleanBot.Presentation.Bot.Telegram.Formatting;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;

namespace CleanBot.MicroBench;

/// <summary>
/// One preview of a streamed answer (at most one a second per chat): copy the window of the answer so far, render it,
/// keep the first message. Against rendering and splitting the whole answer, which is what a preview would cost
/// without the window. A 30,000-character answer, about seven messages.
/// </summary>
[MemoryDiagnoser]
public class StreamingPreviewBenchmarks
{
    private readonly StringBuilder _answer = new();

    [GlobalSetup]
    public void Setup() => _answer.Append(AnswerFormattingBenchmarks.LongAnswer(30_000));

    [Benchmark]
    public string Preview() => PreviewText.ToHtml(_answer.ToString(0, PreviewText.WindowLength(_answer)));

    [Benchmark(Baseline = true)]
    public string WholeAnswerFirstPart() => TelegramMessageSplitter.Split(TelegramHtml.Render(_answer.ToString()))[0];
}
