using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>Photos, files and voice notes, shaped like the real server's (files come from <see cref="FakeTelegramServer.AddFile"/>).</summary>
public sealed partial class TelegramUpdateFactory
{
    /// <summary>A photo in the sizes given, smallest first as Telegram sends them; chat type follows the id's sign.</summary>
    /// <param name="captionEntities">Without them, bot_command and mention entities are detected in the caption.</param>
    public string Photo(
        long chatId, long userId, IReadOnlyList<FakeFile> sizes, string? caption = null, string languageCode = "en",
        IReadOnlyList<FakeEntity>? captionEntities = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var message = Message(chatId, ChatFor(chatId), User(userId, "Test", lastName: null, username: null, languageCode));
        message["photo"] = new JsonArray([.. sizes.Select((file, i) => (JsonNode)new JsonObject
        {
            ["file_id"] = file.FileId,
            ["file_unique_id"] = file.FileUniqueId,
            ["file_size"] = file.DeclaredSize,
            ["width"] = 320 * (i + 1),
            ["height"] = 240 * (i + 1),
        })]);
        AddCaption(message, caption, captionEntities);
        return Wrap("message", message);
    }

    /// <summary>A file sent as a document (uncompressed), with the type the sender's app declared.</summary>
    public string Document(
        long chatId, long userId, FakeFile file, string mimeType, string fileName, string? caption = null, string languageCode = "en")
    {
        ArgumentNullException.ThrowIfNull(file);
        var message = Message(chatId, ChatFor(chatId), User(userId, "Test", lastName: null, username: null, languageCode));
        message["document"] = new JsonObject
        {
            ["file_name"] = fileName,
            ["mime_type"] = mimeType,
            ["file_id"] = file.FileId,
            ["file_unique_id"] = file.FileUniqueId,
            ["file_size"] = file.DeclaredSize,
        };
        AddCaption(message, caption, captionEntities: null);
        return Wrap("message", message);
    }

    /// <summary>A voice note (no text).</summary>
    public string Voice(long chatId, long userId, string languageCode = "en", int durationSeconds = 4)
    {
        var message = Message(chatId, ChatFor(chatId), User(userId, "Test", lastName: null, username: null, languageCode));
        var suffix = Guid.NewGuid().ToString("N")[..12];
        message["voice"] = new JsonObject
        {
            ["duration"] = durationSeconds,
            ["mime_type"] = "audio/ogg",
            ["file_id"] = "AwACAgQAAxkBAAI" + suffix,
            ["file_unique_id"] = "AgAD" + suffix[..8],
            ["file_size"] = 6_000 * durationSeconds,
        };
        return Wrap("message", message);
    }

    private static void AddCaption(JsonObject message, string? caption, IReadOnlyList<FakeEntity>? captionEntities)
    {
        if (caption is null)
        {
            return;
        }

        message["caption"] = caption;
        var found = (captionEntities ?? DetectEntities(caption)).OrderBy(e => e.Offset).ToList();
        if (found.Count > 0)
        {
            message["caption_entities"] = new JsonArray(
                [.. found.Select(e => (JsonNode)new JsonObject { ["offset"] = e.Offset, ["length"] = e.Length, ["type"] = e.Type })]);
        }
    }
}
