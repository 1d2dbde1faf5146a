using System.Text.Json;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

// Users who blocked the bot: the real server then refuses every call for their private chat with 403.
public sealed partial class FakeTelegramServer
{
    private const string BlockedByUser = "Forbidden: bot was blocked by the user";

    private readonly HashSet<long> _blockedBy = [];

    /// <summary>The user of this private chat blocks the bot: every call for the chat gets 403 until <see cref="UnblockBot"/>.</summary>
    public void BlockBot(long chatId)
    {
        lock (_gate)
        {
            _blockedBy.Add(chatId);
        }
    }

    public void UnblockBot(long chatId)
    {
        lock (_gate)
        {
            _blockedBy.Remove(chatId);
        }
    }

    private TelegramReply? CheckBlocked(JsonElement args)
    {
        if (args.LongArg("chat_id") is not { } chatId)
        {
            return null;
        }

        lock (_gate)
        {
            return _blockedBy.Contains(chatId) ? TelegramReply.Error(403, BlockedByUser) : null;
        }
    }
}
