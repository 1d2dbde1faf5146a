using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.NotText;

public sealed class NotTextQueryHandler(IOptions<ConversationOptions> options) : IRequestHandler<NotTextQuery, NotTextOutcome>
{
    public Task<NotTextOutcome> Handle(NotTextQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Profile.Language;
        return Task.FromResult<NotTextOutcome>(request.Kind == NotTextKind.OversizedImage
            ? new NotTextOutcome.ImageTooLarge(language, options.Value.MaxImageBytes)
            : new NotTextOutcome.Unsupported(language, request.Kind));
    }
}
