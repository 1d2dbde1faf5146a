using CleanBot.Application.Common.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.Features.Help;

public sealed class HelpQueryHandler(
    UserRegistry registry,
    IOptions<ConversationOptions> options,
    IOptions<AccessOptions> access)
    : IRequestHandler<HelpQuery, HelpOutcome>
{
    private static readonly BotCommand[] Commands =
        [BotCommand.Start, BotCommand.New, BotCommand.Reset, BotCommand.Ask, BotCommand.Usage, BotCommand.Help];

    // /stats answers admins only: listing it to everyone would promise what it refuses.
    private static readonly BotCommand[] AdminCommands = [.. Commands, BotCommand.Stats];

    public async Task<HelpOutcome> Handle(HelpQuery request, CancellationToken cancellationToken)
    {
        var language = await registry.LanguageOfAsync(request.Profile, cancellationToken);
        var commands = access.Value.IsAdmin(request.Profile.Id) ? AdminCommands : Commands;
        return new HelpOutcome.Shown(language, commands, options.Value.MaxInputCharacters);
    }
}
