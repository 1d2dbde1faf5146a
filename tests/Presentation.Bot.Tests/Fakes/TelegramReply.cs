using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>A Bot API response: HTTP status equals error_code, as on the real server.</summary>
internal readonly record struct TelegramReply(int StatusCode, string Json)
{
    public static TelegramReply Ok(JsonNode? result) =>
        new(200, FakeJson.Write(new JsonObject { ["ok"] = true, ["result"] = result }));

    /// <summary>For results assembled from JSON text, e.g. raw updates that must reach the bot verbatim.</summary>
    public static TelegramReply OkRaw(string resultJson) => new(200, $$"""{"ok":true,"result":{{resultJson}}}""");

    public static TelegramReply Error(int code, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return new(code, FakeJson.Write(body));
    }

    public static TelegramReply BadRequest(string detail) => Error(400, "Bad Request: " + detail);

    public static TelegramReply CantParseEntities(string detail) => BadRequest("can't parse entities: " + detail);
}
