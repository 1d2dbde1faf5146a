namespace CleanBot.Application.Features.InlineAnswer;

/// <summary>A model answer to an inline question, kept in the cache under <see cref="InlineQuestion.CacheKey"/>.</summary>
public sealed record CachedInlineAnswer(string Text);
