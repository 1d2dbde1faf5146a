using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ChooseLanguage;

public sealed class ChooseLanguageCommandHandler(UserRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
    : IRequestHandler<ChooseLanguageCommand, ChooseLanguageOutcome>
{
    public async Task<ChooseLanguageOutcome> Handle(ChooseLanguageCommand request, CancellationToken cancellationToken)
    {
        var visit = await registry.ChangeAsync(request.Profile, time.GetUtcNow(), user => user.ChooseLanguage(request.Language), cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await registry.RememberAsync(visit, cancellationToken);
        return new ChooseLanguageOutcome.Chosen(visit.Language);
    }
}
