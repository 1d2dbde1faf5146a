using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.Start;

public sealed class StartCommandHandler(UserRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
    : IRequestHandler<StartCommand, StartOutcome>
{
    public async Task<StartOutcome> Handle(StartCommand request, CancellationToken cancellationToken)
    {
        var visit = await registry.VisitAsync(request.Profile, time.GetUtcNow(), forceRefresh: true, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await registry.RememberAsync(visit, cancellationToken);
        return new StartOutcome.Welcomed(visit.Language, request.Profile.FirstName, visit.IsNewUser);
    }
}
