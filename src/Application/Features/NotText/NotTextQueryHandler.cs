using MediatR;

namespace CleanBot.Application.Features.NotText;

public sealed class NotTextQueryHandler : IRequestHandler<NotTextQuery, NotTextOutcome>
{
    public Task<NotTextOutcome> Handle(NotTextQuery request, CancellationToken cancellationToken)
    {
        return Task.FromResult<NotTextOutcome>(new NotTextOutcome.TextOnly(request.Profile.Language));
    }
}
