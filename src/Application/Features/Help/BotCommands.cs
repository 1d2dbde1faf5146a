namespace CleanBot.Application.Features.Help;

/// <summary>
/// Which commands are shown where: the one list <c>/help</c> and Telegram's command menu are both made from, so the
/// two cannot drift apart.
/// </summary>
public static class BotCommands
{
    /// <summary>What <c>/help</c> lists for everyone, in order.</summary>
    public static IReadOnlyList<BotCommand> Listed { get; } =
        [BotCommand.Start, BotCommand.New, BotCommand.Reset, BotCommand.Mode, BotCommand.Lang, BotCommand.Usage, BotCommand.Ask, BotCommand.Help];

    /// <summary>What <c>/help</c> lists for an admin: everything, their own commands included.</summary>
    public static IReadOnlyList<BotCommand> ListedForAdmins { get; } = [.. Listed, BotCommand.Stats];

    /// <summary>Telegram's command menu: <see cref="Listed"/> without /reset, which does what /new does.</summary>
    public static IReadOnlyList<BotCommand> Menu { get; } = [.. Listed.Where(command => command != BotCommand.Reset)];
}
