using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CleanBot.Bench;

/// <summary>
/// The bare limit: the HTTP round trips the bot makes per update, without any bot logic, against the same fakes. One
/// poller takes batches of up to 100 (getUpdates); <c>concurrency</c> workers each do, per update, one model request
/// (generateContent, or streamGenerateContent when the bot streams), one sendChatAction and one sendMessage. The model
/// request carries what the bot's carries: the chat's recent turns within the bot's default budget and its default
/// system instruction (<see cref="BareConversation"/>), so both send the same bytes; the run's report compares the two
/// sizes. Responses are read and parsed as JSON (each event of a stream), nothing more. No previews: the fake's answers
/// are complete within a preview interval, so the bot sends none either unless it falls that far behind in reading a
/// stream (the run's sendMessageDraft count shows how often).
/// </summary>
internal static class BareLimit
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Runs the updates of <paramref name="workload"/> (already released) through; returns when all are replied.</summary>
    public static async Task RunAsync(
        Workload workload, string telegramUrl, string geminiUrl, int concurrency, bool streamed, CancellationToken cancellationToken)
    {
        using var telegramHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var geminiHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var telegram = new HttpClient(telegramHandler) { BaseAddress = new Uri($"{telegramUrl}/bot{FakeTelegramApi.BotToken}/") };
        using var gemini = new HttpClient(geminiHandler) { BaseAddress = new Uri($"{geminiUrl}/v1beta/models/") };
        gemini.DefaultRequestHeaders.Add("x-goog-api-key", "bench-key");

        var work = Channel.CreateUnbounded<(long ChatId, string Text)>(new UnboundedChannelOptions { SingleWriter = true });
        var conversations = new ConcurrentDictionary<long, BareConversation>();
        var poller = PollAsync(telegram, work.Writer, workload.MainCount, cancellationToken);
        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => WorkAsync(telegram, gemini, work.Reader, conversations, streamed, cancellationToken)).ToList();
        await poller;
        await Task.WhenAll(workers);
    }

    private static async Task PollAsync(HttpClient telegram, ChannelWriter<(long, string)> work, int count, CancellationToken cancellationToken)
    {
        var offset = 1;
        while (offset <= count)
        {
            using var document = await PostAsync(telegram, "getUpdates", string.Create(CultureInfo.InvariantCulture, $$"""{"offset":{{offset}},"limit":100,"timeout":30}"""), cancellationToken);
            foreach (var update in document.RootElement.GetProperty("result").EnumerateArray())
            {
                var message = update.GetProperty("message");
                await work.WriteAsync((message.GetProperty("chat").GetProperty("id").GetInt64(), message.GetProperty("text").GetString()!), cancellationToken);
                offset = update.GetProperty("update_id").GetInt32() + 1;
            }
        }

        work.Complete();
    }

    private static async Task WorkAsync(
        HttpClient telegram,
        HttpClient gemini,
        ChannelReader<(long ChatId, string Text)> work,
        ConcurrentDictionary<long, BareConversation> conversations,
        bool streamed,
        CancellationToken cancellationToken)
    {
        await foreach (var (chatId, text) in work.ReadAllAsync(cancellationToken))
        {
            var chat = chatId.ToString(CultureInfo.InvariantCulture);
            var conversation = conversations.GetOrAdd(chatId, static _ => new BareConversation());
            var request = conversation.Ask(text);
            if (streamed)
            {
                await StreamAsync(gemini, request, cancellationToken);
            }
            else
            {
                using (await PostAsync(gemini, "./bench:generateContent", request, cancellationToken))
                {
                }
            }

            conversation.Answered(Workload.Answer);

            using (await PostAsync(telegram, "sendChatAction", $$"""{"chat_id":{{chat}},"action":"typing"}""", cancellationToken))
            {
            }

            using (await PostAsync(telegram, "sendMessage", $$$"""{"chat_id":{{{chat}}},"text":"{{{Workload.Answer}}}","parse_mode":"HTML","link_preview_options":{"is_disabled":true}}""", cancellationToken))
            {
            }
        }
    }

    /// <summary>streamGenerateContent?alt=sse, read as the bot reads it: the body as it comes, one event at a time.</summary>
    private static async Task StreamAsync(HttpClient gemini, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("./bench:streamGenerateContent?alt=sse", UriKind.Relative)) { Content = content };
        using var response = await gemini.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body, static (_, data) => JsonDocument.Parse(data.ToArray())).EnumerateAsync(cancellationToken))
        {
            item.Data.Dispose();
        }
    }

    private static Task<JsonDocument> PostAsync(HttpClient client, string path, string json, CancellationToken cancellationToken) =>
        PostAsync(client, path, Encoding.UTF8.GetBytes(json), cancellationToken);

    private static async Task<JsonDocument> PostAsync(HttpClient client, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }
}
