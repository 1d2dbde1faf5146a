using CleanBot.Application.Common.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.NotText;

public sealed class NotTextQueryHandler(UserRegistry registry, IOptions<ConversationOptions> options)
    : IRequestHandler<NotTextQuery, NotTextOutcome>
{
    public async Task<NotTextOutcome> Handle(NotTextQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        return request.Kind == NotTextKind.OversizedImage
            ? new NotTextOutcome.ImageTooLarge(language, options.Value.MaxImageBytes)
            : new NotTextOutcome.Unsupported(language, request.Kind);
    }
}
