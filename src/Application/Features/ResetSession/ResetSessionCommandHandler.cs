using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.ResetSession;

public sealed class ResetSessionCommandHandler(
    UserRegistry registry,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    TimeProvider time)
    : IRequestHandler<ResetSessionCommand, ResetSessionOutcome>
{
    public async Task<ResetSessionOutcome> Handle(ResetSessionCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var visit = await registry.VisitAsync(request.Profile, now, forceRefresh: false, cancellationToken);
        var session = await sessions.FindActiveAsync(request.ChatId, request.Profile.Id, recentMessages: 0, cancellationToken);
        session?.End(now);

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await registry.RememberAsync(visit, cancellationToken);
        return new ResetSessionOutcome.Reset(visit.Language, HadSession: session is not null);
    }
}
