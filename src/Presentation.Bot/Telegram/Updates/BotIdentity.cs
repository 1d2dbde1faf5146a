using Telegram.Bot;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>Who the bot is (from getMe), needed to tell mentions of and replies to the bot in groups.</summary>
internal sealed class BotIdentity(ITelegramBotClient bot)
{
    private readonly TaskCompletionSource<Identity> _me = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once getMe has answered: updates wait for it before they are routed.</summary>
    public Task Known => _me.Task;

    public long Id => Current.Id;

    public string Username => Current.Username;

    /// <summary>Whether inline mode is on (@BotFather's /setinline): without it Telegram sends no inline queries.</summary>
    public bool SupportsInlineQueries => Current.SupportsInlineQueries;

    private Identity Current => _me.Task.IsCompletedSuccessfully
        ? _me.Task.Result
        : throw new InvalidOperationException("The bot's identity is read from getMe before updates are handled.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var me = await bot.GetMe(cancellationToken);
        _me.TrySetResult(new Identity(me.Id, me.Username ?? string.Empty, me.SupportsInlineQueries));
    }

    public bool IsUsername(ReadOnlySpan<char> username) =>
        username.Equals(Username.AsSpan(), StringComparison.OrdinalIgnoreCase);

    private sealed record Identity(long Id, string Username, bool SupportsInlineQueries);
}
