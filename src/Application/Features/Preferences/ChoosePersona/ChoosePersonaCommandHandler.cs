using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ChoosePersona;

/// <summary>
/// Stores the persona on the user. A change also ends their conversation in the chat the menu was in: history written
/// for one persona misleads another (a translator would translate the earlier chat, an editor would edit it), so the
/// new persona starts from a clean slate, as after <c>/new</c>.
/// </summary>
public sealed class ChoosePersonaCommandHandler(
    UserRegistry registry,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    TimeProvider time)
    : IRequestHandler<ChoosePersonaCommand, ChoosePersonaOutcome>
{
    public async Task<ChoosePersonaOutcome> Handle(ChoosePersonaCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = false;
        var visit = await registry.ChangeAsync(request.Profile, now, user => changed = user.ChoosePersona(request.Persona), cancellationToken);
        var sessionEnded = false;
        if (changed)
        {
            var session = await sessions.FindActiveAsync(request.ChatId, request.Profile.Id, recentMessages: 0, cancellationToken);
            session?.End(now);
            sessionEnded = session is not null;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await registry.RememberAsync(visit, cancellationToken);
        return new ChoosePersonaOutcome.Chosen(visit.Language, visit.Persona, changed, sessionEnded);
    }
}
