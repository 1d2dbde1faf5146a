using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Application.Features.InlineAnswer;
using CleanBot.Presentation.Bot.Tests.Fakes;
using CleanBot.Presentation.Bot.Texts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Inline mode: <c>@botname question</c> in any chat, answered with answerInlineQuery.</summary>
public sealed class InlineTests
{
    private const long Sara = 8101;
    private const long Stranger = 8102;
    private const long Omid = 8103;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_inline_query_gets_one_article_whose_message_is_the_models_answer_asked_without_history_and_stored_nowhere()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.AskPrivateAsync(Sara, "My name is Sara; remember it.");
        var storedBefore = await CountAsync(bot, "SELECT COUNT(*) FROM Messages");
        var sessionsBefore = await CountAsync(bot, "SELECT COUNT(*) FROM Sessions");
        bot.Gemini.ReplyWith(request => $"**DNS** turns names into addresses. ({request.LastUserText})");

        var answer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is DNS?"));

        var article = answer.Results.Should().ContainSingle().Subject;
        article.Text.Should().Be("DNS turns names into addresses. (What is DNS?)", "the message sent is the model's answer");
        article.RawText.Should().StartWith("<b>DNS</b>", "the answer is rendered as Telegram HTML");
        article.ParseMode.Should().Be("HTML");
        article.Title.Should().Be("What is DNS?");
        answer.IsPersonal.Should().BeTrue("a refused person must not get another's answer from Telegram's cache");

        var request = bot.Gemini.Requests[^1];
        request.Contents.Should().Equal([new GeminiTurn("user", "What is DNS?")], "an inline question is asked without history");
        request.SystemInstruction.Should().EndWith(InlineAnswerQueryHandler.InlineInstruction);
        (await CountAsync(bot, "SELECT COUNT(*) FROM Messages")).Should().Be(storedBefore, "nothing is stored in sessions");
        (await CountAsync(bot, "SELECT COUNT(*) FROM Sessions")).Should().Be(sessionsBefore);
        bot.Telegram.MessagesTo(Sara).Should().ContainSingle("the inline answer goes to no chat");
    }

    [Fact]
    public async Task The_same_question_asked_again_is_answered_from_the_cache_without_calling_Gemini()
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var first = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is  DNS?"));
        var second = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, " what is dns? "));
        var other = await AskInlineAsync(bot, Bot(bot).InlineQuery(Omid, "WHAT IS DNS?"));

        bot.Gemini.Requests.Should().ContainSingle("the same question, however typed, is asked once");
        second.Results.Single().Text.Should().Be(first.Results.Single().Text);
        other.Results.Single().Text.Should().Be(first.Results.Single().Text, "the cached answer does not depend on who asks");
    }

    [Fact]
    public async Task Of_several_pending_inline_queries_of_a_person_only_the_newest_is_answered()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var typed = new[] { "Wha", "What is D", "What is DNS?" }.Select(text => Bot(bot).InlineQuery(Sara, text)).ToList();
        var updateIds = typed.Select(bot.Send).ToList();
        await bot.StartAsync();

        var answer = await bot.Telegram.WaitForInlineAnswerAsync(TelegramUpdateFactory.InlineQueryIdOf(typed[^1]));
        foreach (var updateId in updateIds)
        {
            await bot.WaitUntilHandledAsync(updateId);
        }

        answer.Results.Single().Text.Should().Be("Echo: What is DNS?");
        bot.Telegram.InlineAnswers.Should().ContainSingle("the client shows only the results for what is typed now");
        bot.Gemini.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_newer_inline_query_of_a_person_cancels_the_answer_still_being_generated_for_the_older_one()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.Delay = TimeSpan.FromSeconds(30);
        var older = Bot(bot).InlineQuery(Sara, "What is D");
        var olderUpdate = bot.Send(older);
        await bot.Gemini.WaitForRequestsAsync(1);

        bot.Gemini.Delay = TimeSpan.Zero;
        var newer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is DNS?"));
        await bot.WaitUntilHandledAsync(olderUpdate);

        newer.Results.Single().Text.Should().Be("Echo: What is DNS?");
        bot.Telegram.InlineAnswers.Should().ContainSingle("the older query gave way instead of being answered (too slow) first");
        bot.Gemini.Requests.Select(request => request.LastUserText).Should().Equal("What is D", "What is DNS?");
    }

    [Fact]
    public async Task The_resume_at_start_up_does_not_cancel_the_inline_answer_it_finds_in_progress()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var resume = new HeldStart();
        await bot.StartAsync(replaceServices: resume.Install);
        bot.Gemini.Delay = TimeSpan.FromSeconds(3);
        var query = Bot(bot).InlineQuery(Sara, "What is DNS?");
        bot.Send(query);
        await bot.Gemini.WaitForRequestsAsync(1);

        var found = await resume.ReleaseAsync();

        found.Should().NotBeEmpty("the start's search for pending chats finds the query, stored and still being answered");

        var answer = await bot.Telegram.WaitForInlineAnswerAsync(TelegramUpdateFactory.InlineQueryIdOf(query));
        answer.Results.Single().Text.Should().Be("Echo: What is DNS?");
    }

    [Fact]
    public async Task An_answer_the_resume_at_start_up_began_is_not_cancelled_when_the_poller_then_schedules_the_same_query()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var held = new HeldStart(holdStoring: true);
        await bot.StartAsync(replaceServices: held.Install);
        bot.Gemini.Delay = TimeSpan.FromSeconds(3);
        var query = Bot(bot).InlineQuery(Sara, "What is DNS?");
        bot.Send(query);
        await held.StoredAsync();

        (await held.ReleaseAsync()).Should().NotBeEmpty("the start's search finds the query the poller has stored");
        await bot.Gemini.WaitForRequestsAsync(1);
        held.ReleaseStoring();

        var answer = await bot.Telegram.WaitForInlineAnswerAsync(TelegramUpdateFactory.InlineQueryIdOf(query));
        answer.Results.Single().Text.Should().Be("Echo: What is DNS?");
    }

    [Fact]
    public async Task An_inline_query_is_not_held_up_by_a_slow_answer_in_the_persons_private_chat()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        var privateChat = await bot.Services.GetRequiredService<IChatLock>().AcquireAsync(Sara, Ct);
        var question = bot.Send(Bot(bot).PrivateText(Sara, "A question in the private chat"));

        var answer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is DNS?", chatType: "sender"));

        answer.Results.Single().Text.Should().Be("Echo: What is DNS?");
        (await bot.InboxStateAsync(question)).Should().Be(InboxState.Pending, "the private chat is still busy");
        await privateChat.DisposeAsync();
        await bot.WaitUntilHandledAsync(question);
        bot.Telegram.MessagesTo(Sara).Single().Text.Should().Be("Echo: A question in the private chat");
    }

    [Fact]
    public async Task When_the_model_fails_the_inline_query_gets_one_article_explaining_it_in_the_persons_language()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        bot.Gemini.SetDown(true);

        var answer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "دی‌ان‌اس چیست؟", languageCode: "fa"));

        var article = answer.Results.Should().ContainSingle().Subject;
        article.Title.Should().Be(BotTexts.Persian.InlineNotAnsweredTitle);
        article.Description.Should().Be(BotTexts.Persian.InlineModelUnavailable);
        article.Text.Should().Be(BotTexts.Persian.InlineModelUnavailable);
        answer.CacheTime.Should().Be(0, "typing the question again should ask again");

        bot.Gemini.SetDown(false);
        var retried = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "دی‌ان‌اس چیست؟", languageCode: "fa"));
        retried.Results.Single().Text.Should().Be("Echo: دی‌ان‌اس چیست؟", "a failure is not cached");
    }

    [Fact]
    public async Task When_the_model_is_too_slow_the_inline_query_is_still_answered_with_an_explanation()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Inline:ModelTimeout"] = "00:00:01" });
        bot.Gemini.Delay = TimeSpan.FromSeconds(30);

        var answer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "Write me a long essay"));

        var article = answer.Results.Should().ContainSingle().Subject;
        article.Title.Should().Be(BotTexts.English.InlineNotAnsweredTitle);
        article.Text.Should().Be(BotTexts.English.InlineTooSlow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Wh")]
    public async Task An_empty_or_too_short_inline_query_gets_no_results_and_a_button_saying_what_to_type(string query)
    {
        await using var bot = await BotUnderTest.StartNewAsync();

        var answer = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, query, languageCode: "fa"));

        answer.Results.Should().BeEmpty();
        answer.Button.Should().Be(new InlineResultsButton(BotTexts.Persian.InlineHintButton, "inline"));
        bot.Gemini.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stranger_is_told_once_that_the_bot_is_private_then_gets_no_results_and_nothing_is_asked_or_stored()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:AllowedUserIds"] = $"{Sara}" });

        var first = await AskInlineAsync(bot, Bot(bot).InlineQuery(Stranger, "What is DNS?"));
        var second = await AskInlineAsync(bot, Bot(bot).InlineQuery(Stranger, "What is DNS, please?"));

        var refusal = first.Results.Should().ContainSingle().Subject;
        refusal.Title.Should().Be(BotTexts.English.InlineRefusedTitle);
        refusal.Text.Should().Be(BotTexts.English.AccessDenied);
        second.Results.Should().BeEmpty("the person has been told already");
        bot.Gemini.Requests.Should().BeEmpty();
        (await CountAsync(bot, $"SELECT COUNT(*) FROM Users WHERE Id = {Stranger}")).Should().Be(0);
    }

    [Fact]
    public async Task Inline_questions_count_towards_the_rate_limit_like_questions_in_a_chat()
    {
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?> { ["Access:MessagesPerMinute"] = "1" });
        await WaitUntilWellInsideAMinuteAsync();

        await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is DNS?"));
        var limited = await AskInlineAsync(bot, Bot(bot).InlineQuery(Sara, "What is TCP?"));

        limited.Results.Single().Title.Should().Be(BotTexts.English.InlineRefusedTitle);
        Enumerable.Range(1, 60).Select(seconds => BotTexts.English.TooManyMessages(TimeSpan.FromSeconds(seconds)))
            .Should().Contain(limited.Results.Single().Text);
        bot.Gemini.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Polling_asks_Telegram_for_inline_queries_and_says_how_to_turn_inline_mode_on_when_it_is_off()
    {
        await using var bot = await BotUnderTest.StartNewAsync();
        await bot.Telegram.WaitForAsync(() => bot.Telegram.CallsTo("getUpdates").Count > 0);

        bot.Telegram.CallsTo("getUpdates")[0].Body.StructuredArg("allowed_updates")!.Value.EnumerateArray()
            .Select(kind => kind.GetString()).Should().Contain("inline_query");
        bot.Logs.Lines.Should().Contain(line => line.Contains("Inline mode is off for @clean_test_bot", StringComparison.Ordinal)
            && line.Contains("/setinline", StringComparison.Ordinal), "the fake's getMe says supports_inline_queries: false");
    }

    /// <summary>
    /// Holds the start's search for chats with pending updates until released, then reports when it ran; with
    /// <paramref name="holdStoring"/>, also holds the poller after it stored its first updates, before it schedules
    /// their chats.
    /// </summary>
    private sealed class HeldStart(bool holdStoring = false)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<IReadOnlyList<long>> _searched = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _storingReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private bool HoldsStoring => holdStoring;

        public void Install(IServiceCollection services)
        {
            var inbox = services.Last(service => service.ServiceType == typeof(IUpdateInbox));
            services.Remove(inbox);
            services.AddScoped<IUpdateInbox>(provider =>
                new HeldInbox((IUpdateInbox)ActivatorUtilities.CreateInstance(provider, inbox.ImplementationType!), this));
        }

        public Task<IReadOnlyList<long>> ReleaseAsync()
        {
            _released.TrySetResult();
            return _searched.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        public Task StoredAsync() => _stored.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        public void ReleaseStoring() => _storingReleased.TrySetResult();

        private sealed class HeldInbox(IUpdateInbox inner, HeldStart held) : IUpdateInbox
        {
            public async Task<IReadOnlyList<long>> ChatsWithPendingAsync(int max, CancellationToken cancellationToken)
            {
                await held._released.Task.WaitAsync(cancellationToken);
                var chats = await inner.ChatsWithPendingAsync(max, cancellationToken);
                held._searched.TrySetResult(chats);
                return chats;
            }

            public async Task<IReadOnlyList<long>> AddNewAsync(IReadOnlyList<InboundUpdate> updates, CancellationToken cancellationToken)
            {
                var stored = await inner.AddNewAsync(updates, cancellationToken);
                if (held.HoldsStoring && stored.Count > 0)
                {
                    held._stored.TrySetResult();
                    await held._storingReleased.Task.WaitAsync(cancellationToken);
                }

                return stored;
            }

            public Task<IReadOnlyList<InboundUpdate>> PendingAsync(long chatKey, int max, CancellationToken cancellationToken) =>
                inner.PendingAsync(chatKey, max, cancellationToken);

            public Task MarkHandledAsync(IReadOnlyCollection<long> updateIds, DateTimeOffset handledAt, CancellationToken cancellationToken) =>
                inner.MarkHandledAsync(updateIds, handledAt, cancellationToken);

            public Task<int> PruneHandledAsync(DateTimeOffset handledBefore, CancellationToken cancellationToken) =>
                inner.PruneHandledAsync(handledBefore, cancellationToken);
        }
    }

    private static TelegramUpdateFactory Bot(BotUnderTest bot) => bot.Telegram.Updates;

    private static Task<InlineAnswer> AskInlineAsync(BotUnderTest bot, string updateJson)
    {
        bot.Send(updateJson);
        return bot.Telegram.WaitForInlineAnswerAsync(TelegramUpdateFactory.InlineQueryIdOf(updateJson));
    }

    /// <summary>The rate limit counts per clock minute: start early enough in one that both questions fall in it.</summary>
    private static async Task WaitUntilWellInsideAMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond), Ct);
        }
    }

    private static async Task<long> CountAsync(BotUnderTest bot, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
