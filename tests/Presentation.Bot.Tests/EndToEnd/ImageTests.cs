using CleanBot.Application.Features.NotText;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Photos and image files go to Gemini as inline data with their caption; other media are named and declined.</summary>
public sealed class ImageTests
{
    private const long UserId = 5001;
    private const long GroupId = -1_001_555_000_111;
    private const int DefaultLimit = 10 * 1024 * 1024;

    [Fact]
    public async Task A_photo_with_a_caption_reaches_gemini_as_its_largest_size_in_base64_jpeg_next_to_the_caption()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var thumbnail = bot.Telegram.AddFile(Bytes(800, seed: 1));
        var full = bot.Telegram.AddFile(Bytes(150_000, seed: 2));

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [thumbnail, full], "What breed is this dog?"));

        var turn = bot.Gemini.Requests.Should().ContainSingle().Which.Contents.Should().ContainSingle().Subject;
        turn.Text.Should().Be("[photo] What breed is this dog?");
        var image = turn.InlineData.Should().ContainSingle().Subject;
        image.MimeType.Should().Be("image/jpeg");
        image.Bytes.Should().Equal(full.Content);
        bot.Telegram.DownloadedFileIds.Should().Equal(full.FileId);
        reply.Text.Should().Be("Echo: [photo] What breed is this dog?");
        bot.Logs.All.Should().NotContain(BotUnderTest.BotTokenSecret).And.NotContain(full.FilePath, "the download URL holds the token");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fa")]
    public async Task A_photo_without_a_caption_asks_the_model_to_describe_it_in_the_users_language(string languageCode)
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var photo = bot.Telegram.AddFile(Bytes(2_000, seed: 3));

        await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [photo], languageCode: languageCode));

        var texts = languageCode == "fa" ? BotTexts.Persian : BotTexts.English;
        var turn = bot.Gemini.Requests.Should().ContainSingle().Which.Contents.Single();
        turn.Text.Should().Be($"[photo] {texts.DescribeImagePrompt}");
        turn.InlineData.Single().Bytes.Should().Equal(photo.Content);
    }

    [Fact]
    public async Task The_next_question_sees_the_photo_as_its_marker_and_caption_without_the_image()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var photo = bot.Telegram.AddFile(Bytes(4_000, seed: 4));
        await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [photo], "Which city is this?"));

        await bot.AskPrivateAsync(UserId, "And which country?");

        var second = bot.Gemini.Requests[1];
        second.Contents.Should().Equal(
            new GeminiTurn("user", "[photo] Which city is this?"),
            new GeminiTurn("model", "Echo: [photo] Which city is this?"),
            new GeminiTurn("user", "And which country?"));
        second.Body.GetRawText().Should().NotContain("inlineData");
        bot.Telegram.DownloadedFileIds.Should().ContainSingle("the stored conversation keeps no image to send again");
    }

    [Fact]
    public async Task An_image_sent_as_a_file_keeps_its_own_type()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var png = bot.Telegram.AddFile(Bytes(30_000, seed: 5), folder: "documents", extension: "png");

        await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Document(UserId, UserId, png, "image/png", "chart.png", "Summarise this chart"));

        var turn = bot.Gemini.Requests.Should().ContainSingle().Which.Contents.Single();
        turn.Text.Should().Be("[photo] Summarise this chart");
        turn.InlineData.Should().ContainSingle().Which.Should().Be(new GeminiInlineData("image/png", Convert.ToBase64String(png.Content)));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fa")]
    public async Task A_voice_note_is_declined_by_name_in_the_users_language_without_a_model_call(string languageCode)
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Voice(UserId, UserId, languageCode));

        var texts = languageCode == "fa" ? BotTexts.Persian : BotTexts.English;
        reply.Text.Should().Be(texts.NotSupported(NotTextKind.Voice));
        bot.Gemini.Requests.Should().BeEmpty();
        bot.Telegram.CallsTo("getFile").Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_declined_as_a_file_and_not_downloaded()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var pdf = bot.Telegram.AddFile(Bytes(5_000, seed: 6), folder: "documents", extension: "pdf");

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Document(UserId, UserId, pdf, "application/pdf", "report.pdf", "Summarise this"));

        reply.Text.Should().Be(BotTexts.English.NotSupported(NotTextKind.Document));
        bot.Gemini.Requests.Should().BeEmpty();
        bot.Telegram.DownloadedFileIds.Should().BeEmpty();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fa")]
    public async Task An_image_file_declared_over_the_limit_is_refused_with_the_limit_before_any_download(string languageCode)
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var huge = bot.Telegram.AddFile(Bytes(1_000, seed: 7), folder: "documents", reportedSize: 30_000_000);

        var reply = await bot.SendAndWaitForReplyAsync(
            UserId, bot.Telegram.Updates.Document(UserId, UserId, huge, "image/jpeg", "scan.jpg", languageCode: languageCode));

        var texts = languageCode == "fa" ? BotTexts.Persian : BotTexts.English;
        reply.Text.Should().Be(texts.ImageTooLarge(DefaultLimit)).And.Contain(languageCode == "fa" ? "10 مگابایت" : "10 MB");
        bot.Gemini.Requests.Should().BeEmpty();
        bot.Telegram.CallsTo("getFile").Should().BeEmpty();
        bot.Telegram.DownloadedFileIds.Should().BeEmpty();
    }

    [Fact]
    public async Task A_photo_whose_declared_size_understates_it_is_stopped_at_the_limit_and_refused()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Bot:MaxImageBytes"] = "10000" });
        var understated = bot.Telegram.AddFile(Bytes(50_000, seed: 8), reportedSize: 9_000);

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [understated], "what is it?"));

        reply.Text.Should().Be(BotTexts.English.ImageTooLarge(10_000));
        bot.Telegram.DownloadedFileIds.Should().Equal(understated.FileId);
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task In_a_group_a_photo_whose_caption_mentions_the_bot_is_answered_and_one_that_does_not_is_ignored()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var ignored = bot.Telegram.AddFile(Bytes(1_500, seed: 9));
        var addressed = bot.Telegram.AddFile(Bytes(1_500, seed: 10));

        var ignoredId = bot.Send(bot.Telegram.Updates.Photo(GroupId, UserId, [ignored], "holiday pics"));
        await bot.WaitUntilHandledAsync(ignoredId);
        var update = bot.Telegram.Updates.Photo(GroupId, UserId, [addressed], "@clean_test_bot what is this?");
        var reply = await bot.SendAndWaitForReplyAsync(GroupId, update);

        var turn = bot.Gemini.Requests.Should().ContainSingle().Which.Contents.Single();
        turn.Text.Should().Be("[photo] what is this?");
        turn.InlineData.Single().Bytes.Should().Equal(addressed.Content);
        bot.Telegram.DownloadedFileIds.Should().Equal(addressed.FileId);
        reply.ReplyToMessageId.Should().Be(BotUnderTest.MessageIdOf(update));
    }

    [Fact]
    public async Task A_failed_download_is_explained_and_neither_the_token_nor_the_file_path_reaches_a_log_line()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var photo = bot.Telegram.AddFile(Bytes(3_000, seed: 12));
        bot.Telegram.FailNextDownload();

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [photo], "what is this?"));

        reply.Text.Should().Be(BotTexts.English.NotSupported(NotTextKind.UnavailableImage));
        bot.Telegram.DownloadedFileIds.Should().ContainSingle("a refused download is not a transient failure to retry");
        bot.Gemini.Requests.Should().BeEmpty();
        bot.Logs.All.Should().Contain("Image could not be fetched: download failed (HTTP 500)")
            .And.NotContain(BotUnderTest.BotTokenSecret).And.NotContain(photo.FilePath);
    }

    [Fact]
    public async Task A_photo_telegram_will_not_describe_is_explained_in_the_users_language()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var unknown = new FakeFile("AgACAgQAAxkBAAIunknown", "AQADunknown", "photos/file_unknown.jpg", Bytes(100, seed: 13), ReportedSize: null);

        var reply = await bot.SendAndWaitForReplyAsync(UserId, bot.Telegram.Updates.Photo(UserId, UserId, [unknown], languageCode: "fa"));

        reply.Text.Should().Be(BotTexts.Persian.NotSupported(NotTextKind.UnavailableImage));
        bot.Telegram.CallsTo("getFile").Should().ContainSingle().Which.StatusCode.Should().Be(400);
        bot.Gemini.Requests.Should().BeEmpty();
    }

    /// <summary>Distinct, reproducible content, so a test sees the exact bytes arrive.</summary>
    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
