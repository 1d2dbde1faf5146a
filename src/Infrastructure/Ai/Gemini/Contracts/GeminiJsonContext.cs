using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanBot.Infrastructure.Ai.Gemini.Contracts;

/// <summary>Compile-time serializers for the Gemini contracts: camelCase names, unset optional fields left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateContentResponse))]
[JsonSerializable(typeof(GeminiErrorResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
