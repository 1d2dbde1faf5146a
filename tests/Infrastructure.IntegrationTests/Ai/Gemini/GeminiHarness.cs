using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Ai.Gemini;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

/// <summary>The adapter built through its real registration, pointed at a <see cref="FakeGeminiServer"/>.</summary>
internal sealed class GeminiHarness : IAsyncDisposable
{
    public const string ApiKey = "test-key-7c41d9e2-must-never-be-logged";

    private readonly ServiceProvider _services;

    private GeminiHarness(FakeGeminiServer server, ServiceProvider services, CapturedLogs logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
    }

    public FakeGeminiServer Server { get; }

    public CapturedLogs Logs { get; }

    public IChatModel ChatModel => _services.GetRequiredService<IChatModel>();

    /// <param name="settings">Gemini settings over the fast test defaults, keyed without the section name.</param>
    public static async Task<GeminiHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var server = await FakeGeminiServer.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["ApiKey"] = ApiKey,
            ["BaseUrl"] = server.BaseUrl.ToString(),
            ["RetryBaseDelay"] = "00:00:00.010",
            ["RequestTimeout"] = "00:00:02",
            ["TotalTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create($"{GeminiOptions.SectionName}:{pair.Key}", pair.Value)))
            .Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddGeminiChatModel(configuration)
            .BuildServiceProvider(validateScopes: true);
        return new GeminiHarness(server, services, logs);
    }

    /// <summary>A conversation of user and model turns, in the order given, ending with <paramref name="turns"/>' last.</summary>
    public static ChatModelRequest Request(string systemInstruction, params string[] turns)
    {
        var now = DateTimeOffset.UnixEpoch;
        var session = Session.Start(userId: 1, chatId: 1, now);
        for (var i = 0; i < turns.Length; i++)
        {
            if (i % 2 == 0)
            {
                session.AddUserMessage(turns[i], now);
            }
            else
            {
                session.AddModelMessage(turns[i], usage: null, now);
            }
        }

        return new ChatModelRequest(systemInstruction, session.Messages);
    }

    public Task<ChatModelResult> AskAsync() => AskAsync(TestContext.Current.CancellationToken);

    public Task<ChatModelResult> AskAsync(CancellationToken cancellationToken) =>
        ChatModel.GenerateAsync(Request("Be brief.", "Hello?"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
