using CleanBot.Application.Features.Help;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Updates;
using CleanBot.Presentation.Bot.Texts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using TelegramBotCommand = Telegram.Bot.Types.BotCommand;

namespace CleanBot.Presentation.Bot.Telegram.Commands;

/// <summary>
/// At start-up, fills Telegram's command menu ("/" in the chat) from <see cref="BotCommands.Menu"/>: in English for
/// everyone, in Persian for clients set to Persian. Retried with backoff a few times; a menu that cannot be set is
/// logged and the bot runs on, since the commands work without it.
/// </summary>
internal sealed partial class CommandMenuRegistration(
    ITelegramBotClient bot,
    BotIdentity identity,
    TimeProvider time,
    ILogger<CommandMenuRegistration> logger) : BackgroundService
{
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // getMe has answered: the token works and the Bot API is reachable.
        await identity.Known.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var backoff = TimeSpan.FromSeconds(1);
        for (var attempt = 1; attempt <= MaxAttempts && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await bot.SetMyCommands(Menu(BotTexts.English), cancellationToken: stoppingToken);
                await bot.SetMyCommands(Menu(BotTexts.Persian), languageCode: Language.Persian.ToTag(), cancellationToken: stoppingToken);
                LogSet(logger, BotCommands.Menu.Count);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, BotApiConnector.Describe(exception), attempt, MaxAttempts);
                if (attempt == MaxAttempts)
                {
                    return;
                }

                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = Backoff.Doubled(backoff);
            }
        }
    }

    private static TelegramBotCommand[] Menu(BotTexts texts) =>
        [.. BotCommands.Menu.Select(command => new TelegramBotCommand(BotTexts.CommandName(command), texts.CommandDescription(command)))];

    [LoggerMessage(Level = LogLevel.Information, Message = "Set the command menu ({Count} commands, English and Persian)")]
    private static partial void LogSet(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the command menu ({Reason}), attempt {Attempt} of {MaxAttempts}; the commands work without it")]
    private static partial void LogFailed(ILogger logger, string reason, int attempt, int maxAttempts);
}
