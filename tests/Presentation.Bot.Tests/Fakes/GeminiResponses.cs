using System.Globalization;
using System.Text.Json.Nodes;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>JSON bodies in the shapes the Gemini REST API returns.</summary>
internal static class GeminiResponses
{
    public static JsonObject Candidate(GeminiRequest request, string responseId, string? text, string? finishReason, bool withUsage, string? fullText = null)
    {
        var candidate = new JsonObject();
        if (text is not null)
        {
            candidate["content"] = new JsonObject
            {
                ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
                ["role"] = "model",
            };
        }

        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        candidate["index"] = 0;
        var response = new JsonObject { ["candidates"] = new JsonArray(candidate) };
        if (withUsage)
        {
            response["usageMetadata"] = Usage(request, fullText ?? text);
        }

        response["modelVersion"] = request.Model;
        response["responseId"] = responseId;
        return response;
    }

    /// <summary>A blocked prompt: 200 with promptFeedback and no candidates at all.</summary>
    public static JsonObject Blocked(GeminiRequest request, string responseId, string reason) => new()
    {
        ["promptFeedback"] = new JsonObject { ["blockReason"] = reason },
        ["usageMetadata"] = Usage(request, completion: null),
        ["modelVersion"] = request.Model,
        ["responseId"] = responseId,
    };

    /// <summary>google.rpc.Status; a retryDelay adds the RetryInfo detail clients read for 429s.</summary>
    public static JsonObject Error(int code, string status, string message, string? retryDelay = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status };
        if (retryDelay is not null)
        {
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
                ["retryDelay"] = retryDelay,
            });
        }

        return new JsonObject { ["error"] = error };
    }

    /// <summary>Deterministic token counts: about four characters a token, at least one.</summary>
    private static JsonObject Usage(GeminiRequest request, string? completion)
    {
        var promptChars = (request.SystemInstruction?.Length ?? 0) + request.Contents.Sum(turn => turn.Text.Length);
        var prompt = Math.Max(1, promptChars / 4);
        var usage = new JsonObject { ["promptTokenCount"] = prompt };
        if (completion is null)
        {
            usage["totalTokenCount"] = prompt;
            return usage;
        }

        var candidates = Math.Max(1, completion.Length / 4);
        usage["candidatesTokenCount"] = candidates;
        usage["totalTokenCount"] = prompt + candidates;
        return usage;
    }

    /// <summary>Splits text into up to <paramref name="count"/> non-empty pieces without breaking an emoji.</summary>
    public static IReadOnlyList<string> Split(string text, int count)
    {
        var elements = StringInfo.ParseCombiningCharacters(text);
        if (elements.Length <= 1)
        {
            return [text];
        }

        var pieces = Math.Min(count, elements.Length);
        var result = new List<string>(pieces);
        for (var piece = 0; piece < pieces; piece++)
        {
            var start = elements[piece * elements.Length / pieces];
            var end = piece == pieces - 1 ? text.Length : elements[(piece + 1) * elements.Length / pieces];
            result.Add(text[start..end]);
        }

        return result;
    }
}
