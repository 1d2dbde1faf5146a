using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Bench;

/// <summary>
/// The Bot API, as far as the bot uses it here: getMe, deleteWebhook, getUpdates (long poll over the
/// <see cref="Workload"/>, honouring offset, limit and timeout), sendChatAction and sendMessage (each reply is matched
/// to its update), and the previews of streamed answers, counted only: sendMessageDraft, and editMessageText, which the
/// bot uses only where drafts are not (the bench's chats are private, so its finished answers stay sendMessage calls).
/// Anything else gets "ok" so a new start-up call does not break the bench.
/// </summary>
internal static class FakeTelegramApi
{
    public const string BotToken = "123456789:AAbench-bench-bench-bench-bench-bench";

    private static readonly byte[] True = """{"ok":true,"result":true}"""u8.ToArray();
    private static readonly byte[] Me = """{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"Bench","username":"bench_bot","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":false}}"""u8.ToArray();
    private static readonly byte[] NotFound = """{"ok":false,"error_code":404,"description":"Not Found"}"""u8.ToArray();
    private static readonly byte[] BatchStart = """{"ok":true,"result":["""u8.ToArray();
    private static readonly byte[] BatchEnd = "]}"u8.ToArray();
    private static long _messageIds = 1_000_000_000;

    public static Task<LoopbackServer> StartAsync(Workload workload) =>
        LoopbackServer.StartAsync(context => HandleAsync(workload, context));

    private static async Task HandleAsync(Workload workload, HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = path[(path.LastIndexOf('/') + 1)..];
        using var args = await ReadArgsAsync(context.Request);
        var root = args?.RootElement ?? default;
        context.Response.ContentType = "application/json";
        if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            var (start, end) = await workload.PollAsync(
                Int(root, "offset"), Int(root, "limit") ?? 100, TimeSpan.FromSeconds(Int(root, "timeout") ?? 0), context.RequestAborted);
            await WriteBatchAsync(workload, context.Response, start, end);
        }
        else if (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            var chatId = Long(root, "chat_id") ?? 0;
            var text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var value) ? value.GetString() : null;
            workload.OnReply(chatId, text);
            await WriteAsync(context.Response, SentMessage(chatId, text ?? string.Empty));
        }
        else if (method.Equals("sendMessageDraft", StringComparison.OrdinalIgnoreCase))
        {
            workload.OnDraft();
            await WriteAsync(context.Response, True);
        }
        else if (method.Equals("editMessageText", StringComparison.OrdinalIgnoreCase))
        {
            workload.OnEdit();
            var chatId = Long(root, "chat_id") ?? 0;
            var text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var value) ? value.GetString() : null;
            await WriteAsync(context.Response, SentMessage(chatId, text ?? string.Empty));
        }
        else if (method.Equals("sendChatAction", StringComparison.OrdinalIgnoreCase))
        {
            workload.OnChatAction();
            await WriteAsync(context.Response, True);
        }
        else if (method.Equals("getMe", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context.Response, Me);
        }
        else if (path.StartsWith("/bot", StringComparison.Ordinal))
        {
            await WriteAsync(context.Response, True);
        }
        else
        {
            context.Response.StatusCode = 404;
            await WriteAsync(context.Response, NotFound);
        }
    }

    private static async Task<JsonDocument?> ReadArgsAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? Long(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt64(),
            JsonValueKind.String => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        } : null;

    private static int? Int(JsonElement args, string name) => Long(args, name) is { } number ? (int)number : null;

    private static byte[] SentMessage(long chatId, string text)
    {
        var id = Interlocked.Increment(ref _messageIds);
        var date = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var encoded = JsonSerializer.Serialize(text);
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"ok":true,"result":{"message_id":{{{id}}},"date":{{{date}}},"chat":{"id":{{{chatId}}},"type":"private","first_name":"U{{{chatId}}}"},"from":{"id":42,"is_bot":true,"first_name":"Bench","username":"bench_bot"},"text":{{{encoded}}}}}"""));
    }

    private static async Task WriteBatchAsync(Workload workload, HttpResponse response, int start, int end)
    {
        using var buffer = new MemoryStream(BatchStart.Length + BatchEnd.Length + ((end - start) * 320));
        buffer.Write(BatchStart);
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(workload.UpdateJson(i));
        }

        buffer.Write(BatchEnd);
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static async Task WriteAsync(HttpResponse response, byte[] body)
    {
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}
