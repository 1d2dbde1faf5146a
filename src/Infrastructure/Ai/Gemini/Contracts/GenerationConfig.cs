namespace CleanBot.Infrastructure.Ai.Gemini.Contracts;

/// <summary>The request's <c>generationConfig</c>: each setting is sent only when configured.</summary>
internal sealed record GenerationConfig(double? Temperature, int? MaxOutputTokens);
