using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace CleanBot.MicroBench;

/// <summary>
/// Reading one update: the cheap look at update_id and chat on receipt (done for every update before it is stored),
/// and the full parse into Telegram.Bot's types when it is handled.
/// </summary>
[MemoryDiagnoser]
public class UpdateReadingBenchmarks
{
    private const string PrivateText = """
        {"update_id":815000001,"message":{"message_id":4242,"from":{"id":123456789,"is_bot":false,"first_name":"Sara",
        "last_name":"Ahmadi","username":"sara_a","language_code":"fa"},"chat":{"id":123456789,"first_name":"Sara",
        "last_name":"Ahmadi","username":"sara_a","type":"private"},"date":1764072000,
        "text":"سلام! can you explain how a token bucket rate limiter works?"}}
        """;

    private string _payload = string.Empty;
    private JsonElement _element;

    [GlobalSetup]
    public void Setup()
    {
        _payload = PrivateText;
        _element = JsonDocument.Parse(_payload).RootElement.Clone();
    }

    [Benchmark]
    public bool PeekOnReceipt() => InboundUpdateReader.TryRead(_element, DateTimeOffset.UnixEpoch, out _);

    [Benchmark]
    public Update? ParseWhenHandled() => JsonSerializer.Deserialize<Update>(_payload, JsonBotAPI.Options);
}
