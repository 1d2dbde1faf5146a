using System.Globalization;
using System.Text.Json;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// Reads one event of a streamed answer into a <see cref="GenerateContentResponse"/> with the JSON reader alone. Each
/// event is small, but the serializer keeps a frame per level of nesting and an event is six levels deep, so every
/// event cost two frame arrays of its own: with the constructor arguments of the records, about an eighth of the bot's
/// allocations under load, and 3 % of its CPU (docs/performance-history.md). The whole answer (<c>generateContent</c>)
/// is still read by the serializer, from the same contracts; the tests check that both read the same events alike.
/// </summary>
/// <remarks>
/// Fields the contracts do not hold are skipped. A field of the wrong kind is refused with a <see cref="JsonException"/>,
/// as the serializer refuses it; names are matched as Gemini writes them, in camelCase.
/// </remarks>
internal static class GeminiEventReader
{
    /// <summary>The event's response, or null for the JSON literal <c>null</c>.</summary>
    /// <exception cref="JsonException">The event is not JSON, or not a GenerateContentResponse.</exception>
    public static GenerateContentResponse? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("The event holds no JSON.");
        }

        var response = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.StartObject => ReadResponse(ref reader),
            _ => throw Unexpected(reader, "the event"),
        };
        if (reader.Read())
        {
            throw new JsonException("An event holds one JSON value.");
        }

        return response;
    }

    private static GenerateContentResponse ReadResponse(ref Utf8JsonReader reader)
    {
        List<Candidate>? candidates = null;
        PromptFeedback? promptFeedback = null;
        UsageMetadata? usage = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("candidates"u8))
            {
                candidates = ReadArray(ref reader, ReadCandidate);
            }
            else if (reader.ValueTextEquals("promptFeedback"u8))
            {
                promptFeedback = ReadObject(ref reader, ReadPromptFeedback);
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                usage = ReadObject(ref reader, ReadUsage);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new GenerateContentResponse(candidates, promptFeedback, usage);
    }

    private static Candidate ReadCandidate(ref Utf8JsonReader reader)
    {
        Content? content = null;
        string? finishReason = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                content = ReadObject(ref reader, ReadContent);
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                finishReason = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new Candidate(content, finishReason);
    }

    private static Content ReadContent(ref Utf8JsonReader reader)
    {
        string? role = null;
        List<Part>? parts = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                role = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("parts"u8))
            {
                parts = ReadArray(ref reader, ReadPart);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        // Gemini may send a content with its role only (all the tokens went to thinking): no parts, no text.
        return new Content(role, parts ?? []);
    }

    private static Part ReadPart(ref Utf8JsonReader reader)
    {
        string? text = null;
        bool? thought = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("text"u8))
            {
                text = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                thought = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw Unexpected(reader, "true or false"),
                };
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new Part(text, thought);
    }

    private static PromptFeedback ReadPromptFeedback(ref Utf8JsonReader reader)
    {
        string? blockReason = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("blockReason"u8))
            {
                blockReason = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new PromptFeedback(blockReason);
    }

    private static UsageMetadata ReadUsage(ref Utf8JsonReader reader)
    {
        int prompt = 0, candidates = 0, thoughts = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("promptTokenCount"u8))
            {
                prompt = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                candidates = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                thoughts = ReadInt(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new UsageMetadata(prompt, candidates, thoughts);
    }

    private delegate T ReadItem<T>(ref Utf8JsonReader reader);

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw Unexpected(reader, "an object"),
        };
    }

    private static T? ReadObject<T>(ref Utf8JsonReader reader, ReadItem<T> read)
        where T : class
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.StartObject => read(ref reader),
            _ => throw Unexpected(reader, typeof(T).Name),
        };
    }

    private static List<T>? ReadArray<T>(ref Utf8JsonReader reader, ReadItem<T> read)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(reader, $"a list of {typeof(T).Name}");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.StartObject ? read(ref reader) : throw Unexpected(reader, typeof(T).Name));
        }

        return items;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Unexpected(reader, "a string"),
        };
    }

    // Numbers may come quoted, as the serializer's web defaults accept them.
    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        return reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)
            ? number
            : throw Unexpected(reader, "a whole number");
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static JsonException Unexpected(Utf8JsonReader reader, string expected) =>
        new($"Expected {expected}, found {reader.TokenType} at byte {reader.TokenStartIndex}.");
}
