using CleanBot.Application.Common.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Help;

public sealed class HelpQueryHandler(UserRegistry registry, IOptions<ConversationOptions> options)
    : IRequestHandler<HelpQuery, HelpOutcome>
{
    private static readonly BotCommand[] Commands = [BotCommand.Start, BotCommand.New, BotCommand.Reset, BotCommand.Help];

    public async Task<HelpOutcome> Handle(HelpQuery request, CancellationToken cancellationToken)
    {
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        return new HelpOutcome.Shown(language, Commands, options.Value.MaxInputCharacters);
    }
}
