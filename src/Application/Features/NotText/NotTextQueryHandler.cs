using CleanBot.Application.Common.Users;
using MediatR;

namespace CleanBot.Application.Features.NotText;

public sealed class NotTextQueryHandler(UserRegistry registry) : IRequestHandler<NotTextQuery, NotTextOutcome>
{
    public async Task<NotTextOutcome> Handle(NotTextQuery request, CancellationToken cancellationToken) =>
        new NotTextOutcome.TextOnly(await registry.LanguageOfAsync(request.Profile, cancellationToken));
}
