using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Users;
using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Ask;

/// <summary>
/// Stores the user's message, sends the session's recent history to the model and stores its answer. The user's
/// message is kept even when the model fails: nothing the user wrote is lost. The caller runs one chat's requests one
/// at a time (under <see cref="Abstractions.Locking.IChatLock"/>), so the next message of the chat sees this exchange.
/// An answer's tokens count towards the user's daily quota. The user's persona (read with the cached user, no extra
/// query) chooses the instructions the model gets.
/// </summary>
public sealed class AskCommandHandler(
    UserRegistry registry,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    IChatModel model,
    DailyTokenQuota quota,
    TimeProvider time,
    IOptions<ConversationOptions> options)
    : IRequestHandler<AskCommand, AskOutcome>
{
    private readonly ConversationOptions _options = options.Value;

    public async Task<AskOutcome> Handle(AskCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var visit = await registry.VisitAsync(request.Profile, now, forceRefresh: false, cancellationToken);
        var session = await sessions.FindActiveAsync(request.ChatId, request.Profile.Id, _options.HistoryMaxMessages, cancellationToken);
        if (session is null)
        {
            session = Session.Start(request.Profile.Id, request.ChatId, now);
            sessions.Add(session);
        }

        session.AddUserMessage(StoredText(request), now);
        var systemPrompt = PersonaPrompts.For(visit.Persona, _options.SystemPrompt);
        var result = await GenerateAsync(systemPrompt, session, request, cancellationToken);
        var answeredAt = time.GetUtcNow();
        var answered = result as ChatModelResult.Answered;
        if (answered is not null)
        {
            session.AddModelMessage(answered.Text, answered.Usage, answeredAt);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await registry.RememberAsync(visit, cancellationToken);
        await quota.RecordAsync(request.Profile.Id, answered?.Usage, answeredAt, cancellationToken);

        return ToOutcome(result, visit.Language);
    }

    /// <summary>Asks the model; when it finds the conversation too long, asks once more with half the history.</summary>
    private async Task<ChatModelResult> GenerateAsync(string systemPrompt, Session session, AskCommand request, CancellationToken cancellationToken)
    {
        var budget = new HistoryBudget(_options.HistoryMaxMessages, _options.HistoryMaxCharacters);
        var result = await AskModelAsync(new ChatModelRequest(systemPrompt, session.RecentHistory(budget), request.Image), request.Progress, cancellationToken);
        if (result is ChatModelResult.ContextTooLong)
        {
            // Refused before any text came, so nothing was reported yet.
            result = await AskModelAsync(
                new ChatModelRequest(systemPrompt, session.RecentHistory(budget.Halved()), request.Image), request.Progress, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The message as the conversation keeps it: an image is not stored, so a marker says one was there, for the
    /// model reading the history later (it sees the same text with the image now).
    /// </summary>
    private static string StoredText(AskCommand request) =>
        request.Image is null ? request.Text : $"{ImageAttachment.HistoryMarker} {request.Text}";

    private Task<ChatModelResult> AskModelAsync(ChatModelRequest request, IAnswerProgress? progress, CancellationToken cancellationToken) =>
        progress is null
            ? model.GenerateAsync(request, cancellationToken)
            : model.StreamAsync(request, progress, cancellationToken);

    private static AskOutcome ToOutcome(ChatModelResult result, Language language) => result switch
    {
        ChatModelResult.Answered answered => new AskOutcome.Answered(language, answered.Text),
        ChatModelResult.RateLimited limited => new AskOutcome.ModelBusy(language, limited.RetryAfter),
        ChatModelResult.QuotaExhausted => new AskOutcome.QuotaExhausted(language),
        ChatModelResult.Blocked blocked => new AskOutcome.Blocked(language, blocked.Reason),
        ChatModelResult.ContextTooLong => new AskOutcome.ConversationTooLong(language),
        ChatModelResult.Unavailable => new AskOutcome.ModelUnavailable(language),
        _ => throw new InvalidOperationException($"Unknown model result {result.GetType().Name}."),
    };
}
