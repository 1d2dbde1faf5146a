using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>A file the fake serves: <c>getFile</c> describes it, <c>/file/bot{token}/{FilePath}</c> downloads it.</summary>
/// <param name="ReportedSize">The file_size Telegram declares, when a test wants it to differ from the content's length.</param>
public sealed record FakeFile(string FileId, string FileUniqueId, string FilePath, byte[] Content, long? ReportedSize)
{
    /// <summary>What Telegram declares as file_size in updates and getFile.</summary>
    public long DeclaredSize => ReportedSize ?? Content.Length;
}

/// <summary>Files: <c>getFile</c> and the download path, with Telegram's 20 MB cap for bots.</summary>
public sealed partial class FakeTelegramServer
{
    private const string FilePathPrefix = "/file/bot";
    private const long BotDownloadLimit = 20 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _downloads = new();
    private int _failingDownloads;

    /// <summary>The file ids the bot downloaded, in order.</summary>
    public IReadOnlyList<string> DownloadedFileIds => [.. _downloads];

    /// <summary>Registers a file the bot may fetch; pass it to the update factory's photo and document builders.</summary>
    public FakeFile AddFile(byte[] content, string folder = "photos", string extension = "jpg", long? reportedSize = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var file = new FakeFile("AgACAgQAAxkBAAI" + suffix, "AQAD" + suffix[..10], $"{folder}/file_{suffix}.{extension}", content, reportedSize);
        _files[file.FileId] = file;
        return file;
    }

    /// <summary>Makes the next file download answer 500 Internal Server Error (in the Bot API's JSON error shape).</summary>
    public void FailNextDownload() => Interlocked.Increment(ref _failingDownloads);

    private TelegramReply GetFile(JsonElement args)
    {
        if (args.StringArg("file_id") is not { } fileId || !_files.TryGetValue(fileId, out var file))
        {
            return TelegramReply.BadRequest("invalid file_id");
        }

        if (file.DeclaredSize > BotDownloadLimit)
        {
            return TelegramReply.BadRequest("file is too big");
        }

        return TelegramReply.Ok(new JsonObject
        {
            ["file_id"] = file.FileId,
            ["file_unique_id"] = file.FileUniqueId,
            ["file_size"] = file.DeclaredSize,
            ["file_path"] = file.FilePath,
        });
    }

    /// <summary>Serves <c>GET /file/bot{token}/{file_path}</c>; false for any other path.</summary>
    private async Task<bool> TryServeFileAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(FilePathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[FilePathPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var file = slash > 0 && rest[..slash] == Token
            ? _files.Values.FirstOrDefault(candidate => candidate.FilePath == rest[(slash + 1)..])
            : null;
        if (file is null)
        {
            await WriteErrorAsync(context, slash > 0 && rest[..slash] != Token ? TelegramReply.Error(401, "Unauthorized") : TelegramReply.Error(404, "Not Found"));
            return true;
        }

        _downloads.Enqueue(file.FileId);
        _changed.Pulse();
        if (Interlocked.Decrement(ref _failingDownloads) >= 0)
        {
            await WriteErrorAsync(context, TelegramReply.Error(500, "Internal Server Error"));
            return true;
        }

        Interlocked.Increment(ref _failingDownloads);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
        return true;
    }

    /// <summary>The file server answers errors in the Bot API's JSON shape too.</summary>
    private static async Task WriteErrorAsync(HttpContext context, TelegramReply reply)
    {
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Json, context.RequestAborted);
    }
}
