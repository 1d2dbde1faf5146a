using CleanBot.Application.Common.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Help;

public sealed class HelpQueryHandler(UserRegistry registry, IOptions<ConversationOptions> options, IOptions<AccessOptions> access)
    : IRequestHandler<HelpQuery, HelpOutcome>
{
    public async Task<HelpOutcome> Handle(HelpQuery request, CancellationToken cancellationToken)
    {
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        var commands = access.Value.IsAdmin(request.Profile.Id) ? BotCommands.ListedForAdmins : BotCommands.Listed;
        return new HelpOutcome.Shown(language, commands, options.Value.MaxInputCharacters);
    }
}
