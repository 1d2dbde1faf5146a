using Telegram.Bot;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>Who the bot is (from getMe), needed to tell mentions of and replies to the bot in groups.</summary>
internal sealed class BotIdentity(ITelegramBotClient bot)
{
    private volatile Me? _me;

    public long Id => Known.Id;

    public string Username => Known.Username;

    private Me Known => _me ?? throw new InvalidOperationException("The bot's identity is read from getMe before updates are handled.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var me = await bot.GetMe(cancellationToken);
        _me = new Me(me.Id, me.Username ?? string.Empty);
    }

    public bool IsUsername(ReadOnlySpan<char> username) =>
        username.Equals(Username.AsSpan(), StringComparison.OrdinalIgnoreCase);

    private sealed record Me(long Id, string Username);
}
