namespace CleanBot.Infrastructure.Ai.Gemini.Contracts;

/// <summary>The body of <c>models/{model}:generateContent</c>.</summary>
internal sealed record GenerateContentRequest(
    IReadOnlyList<Content> Contents,
    Content? SystemInstruction,
    GenerationConfig? GenerationConfig);

/// <summary>One turn; <paramref name="Role"/> is "user" or "model", and absent in a system instruction.</summary>
internal sealed record Content(string? Role, IReadOnlyList<Part> Parts);

/// <summary>A piece of a turn: text or <paramref name="InlineData"/>. Answers mark the model's reasoning with
/// <paramref name="Thought"/>.</summary>
internal sealed record Part(string? Text, bool? Thought = null, Blob? InlineData = null);

/// <summary>Raw media inside a request. <paramref name="Data"/> is written as base64 straight from the bytes, with no
/// encoded copy in between.</summary>
internal sealed record Blob(string MimeType, ReadOnlyMemory<byte> Data);

internal sealed record GenerationConfig(double? Temperature, int? MaxOutputTokens);
