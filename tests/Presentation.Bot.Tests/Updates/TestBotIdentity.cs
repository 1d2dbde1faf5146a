using CleanBot.Presentation.Bot.Telegram.Updates;
using NSubstitute;
using Telegram.Bot;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>The identity of a bot whose <c>getMe</c> answers @clean_bot, not yet asked.</summary>
internal static class TestBotIdentity
{
    public static BotIdentity Create()
    {
        var bot = Substitute.For<ITelegramBotClient>();
        bot.SendRequest(Arg.Any<IRequest<User>>(), Arg.Any<CancellationToken>())
            .Returns(new User { Id = 7, IsBot = true, FirstName = "Bot", Username = "clean_bot" });
        return new BotIdentity(bot);
    }
}
