using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Users;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.InlineAnswer;

/// <summary>
/// Answers an inline question once: the assistant's system prompt plus an instruction to fit one message, the
/// question as the only turn, within <see cref="InlineAnswerOptions.ModelTimeout"/>. Nothing is stored in the
/// person's sessions, so inline answers do not show in <c>/usage</c>; their tokens count towards the daily quota
/// through the cache's count only. An answer is cached per normalised question and language, so the same question
/// asked again (Telegram sends a query at each pause in typing) does not call the model.
/// </summary>
public sealed partial class InlineAnswerQueryHandler(
    UserRegistry registry,
    IChatModel model,
    ICache cache,
    DailyTokenQuota quota,
    TimeProvider time,
    IOptions<ConversationOptions> conversation,
    IOptions<InlineAnswerOptions> options,
    ILogger<InlineAnswerQueryHandler> logger)
    : IRequestHandler<InlineAnswerQuery, InlineAnswerOutcome>
{
    /// <summary>Added to the system prompt: the answer is one message that is shared as it is, with no follow-up.</summary>
    public const string InlineInstruction =
        "This question was typed inline, to be shared in a chat as a single message: answer it completely in one short " +
        "message (at most about 1,500 characters), without asking anything back.";

    private readonly InlineAnswerOptions _options = options.Value;
    private readonly string _systemPrompt = conversation.Value.SystemPrompt + "\n\n" + InlineInstruction;

    public async Task<InlineAnswerOutcome> Handle(InlineAnswerQuery request, CancellationToken cancellationToken)
    {
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        var cacheKey = InlineQuestion.CacheKey(request.Text, language);
        if (_options.CacheDuration > TimeSpan.Zero
            && await cache.GetAsync<CachedInlineAnswer>(cacheKey, cancellationToken) is { } cached)
        {
            return new InlineAnswerOutcome.Answered(language, cached.Text, FromCache: true);
        }

        var result = await GenerateWithinDeadlineAsync(request, cancellationToken);
        if (result is not ChatModelResult.Answered answered)
        {
            return ToOutcome(result, language);
        }

        await quota.RecordAsync(request.Profile.Id, answered.Usage, time.GetUtcNow(), cancellationToken);
        if (_options.CacheDuration > TimeSpan.Zero)
        {
            await cache.SetAsync(cacheKey, new CachedInlineAnswer(answered.Text), _options.CacheDuration, cancellationToken);
        }

        return new InlineAnswerOutcome.Answered(language, answered.Text, FromCache: false);
    }

    /// <returns>The model's result, or null when it did not answer in time.</returns>
    private async Task<ChatModelResult?> GenerateWithinDeadlineAsync(InlineAnswerQuery request, CancellationToken cancellationToken)
    {
        // A session of one turn that is never added to the repository: the model sees no history and nothing is saved.
        var oneShot = Session.Start(request.Profile.Id, request.Profile.Id, time.GetUtcNow());
        oneShot.AddUserMessage(request.Text.Trim(), time.GetUtcNow());

        using var deadline = new CancellationTokenSource(_options.ModelTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await model.GenerateAsync(new ChatModelRequest(_systemPrompt, oneShot.Messages), linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogTooSlow(logger, request.Profile.Id, _options.ModelTimeout);
            return null;
        }
    }

    private static InlineAnswerOutcome ToOutcome(ChatModelResult? result, Language language) => result switch
    {
        null => new InlineAnswerOutcome.TooSlow(language),
        ChatModelResult.RateLimited limited => new InlineAnswerOutcome.ModelBusy(language, limited.RetryAfter),
        ChatModelResult.QuotaExhausted => new InlineAnswerOutcome.QuotaExhausted(language),
        ChatModelResult.Blocked blocked => new InlineAnswerOutcome.Blocked(language, blocked.Reason),
        // A single question of at most 256 characters cannot be too long in earnest: treat it as a model failure.
        ChatModelResult.ContextTooLong or ChatModelResult.Unavailable => new InlineAnswerOutcome.ModelUnavailable(language),
        _ => throw new InvalidOperationException($"Unknown model result {result.GetType().Name}."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Inline question of user {UserId}: the model gave no answer within {ModelTimeout}")]
    private static partial void LogTooSlow(ILogger logger, long userId, TimeSpan modelTimeout);
}
