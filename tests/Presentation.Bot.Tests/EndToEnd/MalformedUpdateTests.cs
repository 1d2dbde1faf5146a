using System.Globalization;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// The malformed updates the fuzz test found the bot tripping over, pinned down one by one: each is skipped or
/// answered without an error, and the next message of the same chat is answered (nothing is stuck behind it).
/// </summary>
public sealed class MalformedUpdateTests
{
    private const long UserId = 8101;
    private const long GroupId = -1_000_000_008_101;

    private const string From = """{"id":8101,"is_bot":false,"first_name":"Test","language_code":"en"}""";
    private const string Private = """{"id":8101,"first_name":"Test","type":"private"}""";
    private const string Group = """{"id":-1000000008101,"title":"Test group","type":"supergroup"}""";

    [Theory]
    [InlineData("an update_id of JSON kind null", """{"update_id":null,"message":{"message_id":90,"date":1,"from":FROM,"chat":PRIVATE,"text":"x"}}""")]
    [InlineData("an update_id of JSON kind string", """{"update_id":"ID","message":{"message_id":90,"date":1,"from":FROM,"chat":PRIVATE,"text":"x"}}""")]
    [InlineData("a message without a chat", """{"update_id":ID,"message":{"message_id":90,"date":1,"from":FROM,"text":"x"}}""")]
    [InlineData("a chat without an id", """{"update_id":ID,"message":{"message_id":90,"date":1,"from":FROM,"chat":{"type":"private"},"text":"x"}}""")]
    [InlineData("a date out of range", """{"update_id":ID,"message":{"message_id":90,"date":99999999999999,"from":FROM,"chat":PRIVATE,"text":"x"}}""")]
    [InlineData("a command entity of length 0", """{"update_id":ID,"message":{"message_id":90,"date":1,"from":FROM,"chat":PRIVATE,"text":"/start","entities":[{"type":"bot_command","offset":0,"length":0}]}}""")]
    [InlineData("a null entity in a group", """{"update_id":ID,"message":{"message_id":90,"date":1,"from":FROM,"chat":GROUP,"text":"@clean_test_bot hi","entities":[null,{"type":"mention","offset":0,"length":15}]}}""")]
    public async Task A_malformed_update_holds_up_nothing_and_logs_no_error(string fault, string template)
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(UserId, "warm up");
        bot.Telegram.RegisterChatsOf(bot.Telegram.Updates.GroupText(GroupId, UserId, "hello"));

        bot.Telegram.EnqueueRawUpdate(id => template.Replace("ID", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("FROM", From, StringComparison.Ordinal).Replace("PRIVATE", Private, StringComparison.Ordinal)
            .Replace("GROUP", Group, StringComparison.Ordinal));
        bot.Send(bot.Telegram.Updates.PrivateText(UserId, "and now?"));
        bot.Send(bot.Telegram.Updates.GroupText(GroupId, UserId, "@clean_test_bot and here?"));

        // Whatever the malformed update itself got (a skip, or an answer to what could be read), the next ones arrive.
        await bot.Telegram.WaitForAsync(() => bot.Telegram.MessagesTo(UserId).Any(message => message.Text == "Echo: and now?")
            && bot.Telegram.MessagesTo(GroupId).Any(message => message.Text == "Echo: and here?"));
        await SqliteInbox.WaitUntilDrainedAsync(bot.DatabasePath, TimeSpan.FromSeconds(10));
        bot.Logs.Lines.Should().NotContain(
            line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal), fault);
    }
}
