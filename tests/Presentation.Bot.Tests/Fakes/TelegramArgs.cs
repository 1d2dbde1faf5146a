using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>
/// Reads Bot API parameters the way Telegram does: from the query string, a JSON body or a
/// (multipart) form, merged into one JSON object. Form values arrive as strings, so the
/// getters accept numbers and numeric strings alike.
/// </summary>
internal static class TelegramArgs
{
    /// <returns>The merged parameters, or null when the body is not valid JSON.</returns>
    public static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            merged[key] = value.ToString();
        }

        if (request.HasJsonContentType())
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                return null;
            }

            if (body is JsonObject fields)
            {
                foreach (var (key, value) in fields.ToList())
                {
                    fields.Remove(key);
                    merged[key] = value;
                }
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                merged[key] = value.ToString();
            }
        }

        return FakeJson.ToElement(merged);
    }

    public static long? LongArg(this JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        } : null;

    public static int? IntArg(this JsonElement args, string name) =>
        args.LongArg(name) is { } number and >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static string? StringArg(this JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    public static bool BoolArg(this JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag) && flag));

    /// <summary>A nested object or array; forms carry those as JSON text, so that is parsed too.</summary>
    public static JsonElement? StructuredArg(this JsonElement args, string name)
    {
        if (!args.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return value;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(value.GetString()!);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }
}
