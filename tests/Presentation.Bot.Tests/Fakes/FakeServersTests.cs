using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>Proves FakeTelegramServer against the real Telegram.Bot client the bot uses.</summary>
public sealed class FakeTelegramServerTests : IAsyncLifetime
{
    private const string Token = "123456:TEST-token_abc";
    private const long UserId = 4242;

    private FakeTelegramServer _server = null!;
    private TelegramBotClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeTelegramServer.StartAsync(Token, cancellationToken: Ct);
        _client = ClientFor(Token);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task GetMe_returns_the_bot_identity()
    {
        var me = await _client.GetMe(Ct);

        me.Id.Should().Be(_server.Bot.Id);
        me.Username.Should().Be("clean_test_bot");
        me.IsBot.Should().BeTrue();
        _server.CallsTo("getMe").Should().ContainSingle().Which.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task A_wrong_token_is_unauthorized()
    {
        var act = () => ClientFor("999:wrong").GetMe(Ct);

        (await act.Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(401);
    }

    [Fact]
    public async Task GetUpdates_delivers_an_enqueued_update_with_Persian_and_emoji_intact()
    {
        const string Text = "سلام! حالت چطوره؟ 👋🏽✨";
        var id = _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, Text, languageCode: "fa", firstName: "مریم"));

        var updates = await _client.GetUpdates(timeout: 1, cancellationToken: Ct);

        var update = updates.Should().ContainSingle().Subject;
        update.Id.Should().Be((int)id);
        update.Message!.Text.Should().Be(Text);
        update.Message.Chat.Id.Should().Be(UserId);
        update.Message.Chat.Type.Should().Be(ChatType.Private);
        update.Message.From!.LanguageCode.Should().Be("fa");
        update.Message.From.FirstName.Should().Be("مریم");
    }

    [Fact]
    public async Task GetUpdates_long_polls_and_returns_as_soon_as_an_update_arrives()
    {
        var clock = Stopwatch.StartNew();
        var poll = _client.GetUpdates(timeout: 20, cancellationToken: Ct);
        await _server.WaitForAsync(() => _server.IsPolling, TimeSpan.FromSeconds(3));
        poll.IsCompleted.Should().BeFalse("nothing was queued yet");

        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));

        (await poll).Should().ContainSingle();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GetUpdates_returns_empty_after_its_timeout()
    {
        var clock = Stopwatch.StartNew();

        var updates = await _client.GetUpdates(timeout: 1, cancellationToken: Ct);

        updates.Should().BeEmpty();
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Offset_confirms_updates_and_limit_caps_the_batch()
    {
        var ids = Enumerable.Range(1, 3).Select(i => _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, $"m{i}"))).ToList();

        var first = await _client.GetUpdates(limit: 2, cancellationToken: Ct);
        var again = await _client.GetUpdates(limit: 2, cancellationToken: Ct);
        var rest = await _client.GetUpdates(offset: first[^1].Id + 1, cancellationToken: Ct);

        first.Select(u => (long)u.Id).Should().Equal(ids[0], ids[1]);
        again.Select(u => (long)u.Id).Should().Equal(ids.Take(2), "unconfirmed updates are delivered again");
        rest.Select(u => (long)u.Id).Should().Equal(ids[2]);
        _server.IsConfirmed(ids[1]).Should().BeTrue();
        _server.IsConfirmed(ids[2]).Should().BeFalse();
        _server.Confirmations.Select(c => c.UpdateId).Should().Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task Confirmation_is_seen_as_soon_as_the_next_long_poll_arrives()
    {
        var id = _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        var update = (await _client.GetUpdates(cancellationToken: Ct)).Single();
        _server.IsConfirmed(id).Should().BeFalse();

        var nextPoll = _client.GetUpdates(offset: update.Id + 1, timeout: 20, cancellationToken: Ct);
        var confirmation = await _server.WaitForConfirmationAsync(id, TimeSpan.FromSeconds(3));

        confirmation.UpdateId.Should().Be(id);
        nextPoll.IsCompleted.Should().BeFalse("the poll that confirmed is still waiting for new updates");
        _server.ConfirmedOffset.Should().Be(update.Id + 1);
    }

    [Fact]
    public async Task Group_update_carries_mention_entities_and_a_reply_to_the_bot()
    {
        const long GroupId = -1001234567890;
        _server.EnqueueUpdate(_server.Updates.GroupText(GroupId, UserId, "@clean_test_bot what is 2+2?", replyToBotMessage: true));

        var message = (await _client.GetUpdates(cancellationToken: Ct)).Single().Message!;

        message.Chat.Type.Should().Be(ChatType.Supergroup);
        message.Entities.Should().ContainSingle(e => e.Type == MessageEntityType.Mention && e.Offset == 0 && e.Length == 15);
        message.ReplyToMessage!.From!.Id.Should().Be(_server.Bot.Id);
    }

    [Fact]
    public async Task Sticker_and_unknown_kinds_parse_and_a_raw_update_arrives_verbatim()
    {
        _server.EnqueueUpdate(_server.Updates.Sticker(UserId, UserId));
        _server.EnqueueUpdate(_server.Updates.UnknownKind(UserId, UserId));
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "/start now"));

        var updates = await _client.GetUpdates(cancellationToken: Ct);

        updates[0].Message!.Type.Should().Be(MessageType.Sticker);
        updates[1].Type.Should().Be(UpdateType.Unknown);
        updates[2].Message!.Entities.Should().ContainSingle(e => e.Type == MessageEntityType.BotCommand && e.Length == 6);

        var rawId = _server.EnqueueRawUpdate(id => $$"""{"update_id":{{id}},"message":"not an object"}""");
        var raw = await GetUpdatesJsonAsync($"{{\"offset\":{updates[^1].Id + 1}}}");
        raw.GetProperty("result")[0].GetProperty("update_id").GetInt64().Should().Be(rawId);
        raw.GetProperty("result")[0].GetProperty("message").GetString().Should().Be("not an object");
    }

    [Fact]
    public async Task SendMessage_is_recorded_with_plain_and_raw_text_and_returns_a_message()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "question"));
        var question = (await _client.GetUpdates(cancellationToken: Ct)).Single().Message!;

        var sent = await _client.SendMessage(UserId, "<b>Answer</b> &amp; more 🌟", ParseMode.Html, replyParameters: question.Id, cancellationToken: Ct);

        sent.Text.Should().Be("Answer & more 🌟");
        sent.From!.Id.Should().Be(_server.Bot.Id);
        sent.Id.Should().BeGreaterThan(question.Id);
        var record = _server.SentMessages.Should().ContainSingle().Subject;
        record.Should().BeEquivalentTo(new
        {
            ChatId = UserId,
            MessageId = sent.Id,
            Text = "Answer & more 🌟",
            RawText = "<b>Answer</b> &amp; more 🌟",
            ParseMode = "HTML",
            ReplyToMessageId = (int?)question.Id,
        });
    }

    [Fact]
    public async Task Chat_actions_and_edits_are_recorded_and_an_unchanged_edit_is_refused()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        await _client.SendChatAction(UserId, ChatAction.Typing, cancellationToken: Ct);
        var sent = await _client.SendMessage(UserId, "draft", cancellationToken: Ct);

        await _client.EditMessageText(UserId, sent.Id, "final", cancellationToken: Ct);
        var unchanged = () => _client.EditMessageText(UserId, sent.Id, "final", cancellationToken: Ct);

        _server.ChatActions.Should().ContainSingle().Which.Action.Should().Be("typing");
        _server.EditedMessages.Should().ContainSingle().Which.Text.Should().Be("final");
        (await unchanged.Should().ThrowAsync<ApiRequestException>()).Which.Message.Should().Contain("message is not modified");
    }

    [Fact]
    public async Task Drafts_are_recorded_in_private_chats_and_refused_in_groups_or_when_unsupported()
    {
        const long groupId = -100_777;
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        _server.EnqueueUpdate(_server.Updates.GroupText(groupId, UserId, "hi all"));

        await _client.SendMessageDraft(UserId, 9, "<b>grow</b>ing", ParseMode.Html, cancellationToken: Ct);
        var inGroup = () => _client.SendMessageDraft(groupId, 9, "growing", cancellationToken: Ct);
        var zeroId = () => _client.SendMessageDraft(UserId, 0, "growing", cancellationToken: Ct);

        var draft = _server.Drafts.Should().ContainSingle().Subject;
        (draft.ChatId, draft.DraftId, draft.Text, draft.RawText, draft.ParseMode).Should().Be((UserId, 9L, "growing", "<b>grow</b>ing", "HTML"));
        (await inGroup.Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(400);
        (await zeroId.Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(400);
        _server.DraftsUnsupported = true;
        var unsupported = () => _client.SendMessageDraft(UserId, 10, "more", cancellationToken: Ct);
        (await unsupported.Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(404);
    }

    [Fact]
    public async Task A_user_who_never_wrote_cannot_be_messaged()
    {
        var act = () => _client.SendMessage(777, "hello?", cancellationToken: Ct);

        (await act.Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(403);
    }

    [Fact]
    public async Task A_scripted_429_surfaces_with_retry_after_and_an_early_resend_is_a_violation()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        _server.FailNext("sendMessage", 429, "Too Many Requests: retry after 2", retryAfter: 2);
        var client = ClientFor(Token, retryThreshold: 0);

        var first = () => client.SendMessage(UserId, "one", cancellationToken: Ct);
        var exception = (await first.Should().ThrowAsync<ApiRequestException>()).Which;
        var early = () => client.SendMessage(UserId, "two", cancellationToken: Ct);
        await early.Should().ThrowAsync<ApiRequestException>();

        exception.ErrorCode.Should().Be(429);
        exception.Parameters!.RetryAfter.Should().Be(2);
        _server.RateLimitViolations.Should().ContainSingle().Which.ChatId.Should().Be(UserId);
        _server.SentMessages.Should().BeEmpty();
    }

    [Fact]
    public async Task Html_with_the_reject_marker_fails_to_parse_and_goes_through_without_parse_mode()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        _server.RejectHtmlContaining("<i>broken");
        const string Text = "ok <i>broken</i>";

        var html = () => _client.SendMessage(UserId, Text, ParseMode.Html, cancellationToken: Ct);
        var error = (await html.Should().ThrowAsync<ApiRequestException>()).Which;
        await _client.SendMessage(UserId, Text, cancellationToken: Ct);

        error.ErrorCode.Should().Be(400);
        error.Message.Should().StartWith("Bad Request: can't parse entities");
        _server.SentMessages.Should().ContainSingle().Which.Should().Match<SentMessage>(m => m.Text == Text && m.ParseMode == null);
    }

    [Fact]
    public async Task Malformed_html_fails_like_Telegram()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));

        var unclosed = () => _client.SendMessage(UserId, "<b>bold", ParseMode.Html, cancellationToken: Ct);
        var unsupported = () => _client.SendMessage(UserId, "<p>para</p>", ParseMode.Html, cancellationToken: Ct);
        var bareLessThan = () => _client.SendMessage(UserId, "1 < 2", ParseMode.Html, cancellationToken: Ct);

        (await unclosed.Should().ThrowAsync<ApiRequestException>()).Which.Message.Should().Contain("can't parse entities");
        (await unsupported.Should().ThrowAsync<ApiRequestException>()).Which.Message.Should().Contain("Unsupported start tag \"p\"");
        await bareLessThan.Should().ThrowAsync<ApiRequestException>();
    }

    [Fact]
    public async Task Message_length_counts_visible_text_and_refuses_more_than_4096()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        var longest = new string('x', 4096);

        await _client.SendMessage(UserId, $"<b>{longest}</b>", ParseMode.Html, cancellationToken: Ct);
        var tooLong = () => _client.SendMessage(UserId, longest + "&amp;", ParseMode.Html, cancellationToken: Ct);
        var empty = () => _client.SendMessage(UserId, "  ", cancellationToken: Ct);

        (await tooLong.Should().ThrowAsync<ApiRequestException>()).Which.Message.Should().Be("Bad Request: message is too long");
        (await empty.Should().ThrowAsync<ApiRequestException>()).Which.Message.Should().Be("Bad Request: message text is empty");
        _server.SentMessages.Should().ContainSingle().Which.Text.Should().HaveLength(4096);
    }

    [Fact]
    public async Task WaitForMessagesAsync_wakes_when_the_message_arrives()
    {
        _server.EnqueueUpdate(_server.Updates.PrivateText(UserId, "hi"));
        var wait = _server.WaitForMessagesAsync(UserId, 2, TimeSpan.FromSeconds(5));

        await _client.SendMessage(UserId, "one", cancellationToken: Ct);
        wait.IsCompleted.Should().BeFalse();
        await _client.SendMessage(UserId, "two", cancellationToken: Ct);

        (await wait).Select(m => m.Text).Should().Equal("one", "two");
        var timeout = () => _server.WaitForMessagesAsync(UserId, 3, TimeSpan.FromMilliseconds(100));
        await timeout.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task A_second_poller_ends_the_first_with_409()
    {
        var first = _client.GetUpdates(timeout: 20, cancellationToken: Ct);
        await _server.WaitForAsync(() => _server.IsPolling, TimeSpan.FromSeconds(3));

        var second = _client.GetUpdates(timeout: 1, cancellationToken: Ct);

        (await first.Awaiting(t => t).Should().ThrowAsync<ApiRequestException>()).Which.ErrorCode.Should().Be(409);
        (await second).Should().BeEmpty();
    }

    [Fact]
    public async Task Disposing_ends_a_pending_long_poll_promptly()
    {
        var server = await FakeTelegramServer.StartAsync(Token, cancellationToken: Ct);
        var poll = ClientFor(Token, server).GetUpdates(timeout: 30, cancellationToken: Ct);
        await server.WaitForAsync(() => server.IsPolling, TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();

        await server.DisposeAsync();

        (await poll).Should().BeEmpty();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    private TelegramBotClient ClientFor(string token, int? retryThreshold = null) => ClientFor(token, _server, retryThreshold);

    private static TelegramBotClient ClientFor(string token, FakeTelegramServer server, int? retryThreshold = null)
    {
        var options = new TelegramBotClientOptions(token, server.BaseUrl);
        if (retryThreshold is { } threshold)
        {
            // No automatic retry of 429s: the test wants to see them.
            options.RetryThreshold = threshold;
            options.RetryCount = 0;
        }

        return new TelegramBotClient(options);
    }

    private async Task<JsonElement> GetUpdatesJsonAsync(string jsonBody)
    {
        using var http = new HttpClient();
        using var content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"{_server.BaseUrl}/bot{Token}/getUpdates", content, Ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}

/// <summary>Proves FakeGeminiServer's wire shapes with a plain HttpClient.</summary>
public sealed class FakeGeminiServerTests : IAsyncLifetime
{
    private const string ApiKey = "test-gemini-key";
    private const string Model = "gemini-2.5-flash";

    private readonly HttpClient _http = new();
    private FakeGeminiServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeGeminiServer.StartAsync(ApiKey, Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Default_reply_echoes_the_last_user_text_and_the_request_is_recorded()
    {
        var (status, body) = await PostAsync(Conversation("سلام 🌍"));

        status.Should().Be(HttpStatusCode.OK);
        var candidate = body.GetProperty("candidates")[0];
        candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString().Should().Be("Echo: سلام 🌍");
        candidate.GetProperty("finishReason").GetString().Should().Be("STOP");
        var usage = body.GetProperty("usageMetadata");
        usage.GetProperty("totalTokenCount").GetInt32().Should()
            .Be(usage.GetProperty("promptTokenCount").GetInt32() + usage.GetProperty("candidatesTokenCount").GetInt32());

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Model.Should().Be(Model);
        request.ApiKey.Should().Be(ApiKey);
        request.SystemInstruction.Should().Be("Be brief.");
        request.Contents.Select(c => c.Role).Should().Equal("user", "model", "user");
        request.LastUserText.Should().Be("سلام 🌍");
    }

    [Fact]
    public async Task ReplyWith_and_scripted_replies_are_used_in_order()
    {
        _server.ReplyWith(request => $"Custom for {request.Contents.Count} turns");
        _server.EnqueueReply("scripted");

        var scripted = await TextOfAsync();
        var custom = await TextOfAsync();

        scripted.Should().Be("scripted");
        custom.Should().Be("Custom for 3 turns");
    }

    [Fact]
    public async Task A_scripted_429_has_the_google_error_shape_with_RetryInfo()
    {
        _server.EnqueueError(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 1s.", retryDelay: "1s");

        var (status, body) = await PostAsync(Conversation("hi"));

        status.Should().Be(HttpStatusCode.TooManyRequests);
        var error = body.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(429);
        error.GetProperty("status").GetString().Should().Be("RESOURCE_EXHAUSTED");
        error.GetProperty("details")[0].GetProperty("@type").GetString().Should().Be("type.googleapis.com/google.rpc.RetryInfo");
        error.GetProperty("details")[0].GetProperty("retryDelay").GetString().Should().Be("1s");
        (await TextOfAsync()).Should().StartWith("Echo:", "the script is consumed");
    }

    [Fact]
    public async Task A_blocked_prompt_is_200_with_promptFeedback_and_no_candidates()
    {
        _server.EnqueueBlocked("SAFETY");

        var (status, body) = await PostAsync(Conversation("something bad"));

        status.Should().Be(HttpStatusCode.OK);
        body.TryGetProperty("candidates", out _).Should().BeFalse();
        body.GetProperty("promptFeedback").GetProperty("blockReason").GetString().Should().Be("SAFETY");
    }

    [Fact]
    public async Task While_down_every_call_is_503_UNAVAILABLE()
    {
        _server.SetDown(true);
        var (down, body) = await PostAsync(Conversation("hi"));
        _server.SetDown(false);
        var (up, _) = await PostAsync(Conversation("hi"));

        down.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("error").GetProperty("status").GetString().Should().Be("UNAVAILABLE");
        up.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_key_and_invalid_requests_are_refused_like_the_real_API()
    {
        var (wrongKey, _) = await PostAsync(Conversation("hi"), apiKey: "nope");
        var (noContents, _) = await PostAsync(new { contents = Array.Empty<object>() });
        var (badRole, _) = await PostAsync(new { contents = new[] { new { role = "assistant", parts = new[] { new { text = "x" } } } } });
        var (unknownField, body) = await PostAsync(new { contents = new[] { new { parts = new[] { new { text = "x" } } } }, system_instructions = "x" });

        wrongKey.Should().Be(HttpStatusCode.BadRequest);
        noContents.Should().Be(HttpStatusCode.BadRequest);
        badRole.Should().Be(HttpStatusCode.BadRequest);
        unknownField.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetProperty("status").GetString().Should().Be("INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Streaming_sends_three_sse_events_and_only_the_last_finishes()
    {
        using var content = JsonContent.Create(Conversation("stream me please"));
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{_server.BaseUrl}/v1beta/models/{Model}:streamGenerateContent?alt=sse") { Content = content };
        message.Headers.Add("x-goog-api-key", ApiKey);

        using var response = await _http.SendAsync(message, Ct);
        var events = (await response.Content.ReadAsStringAsync(Ct))
            .Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement)
            .ToList();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        events.Should().HaveCount(3);
        string.Concat(events.Select(e => e.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()))
            .Should().Be("Echo: stream me please");
        events.Take(2).Select(e => e.GetProperty("candidates")[0].TryGetProperty("finishReason", out _) || e.TryGetProperty("usageMetadata", out _))
            .Should().AllBeEquivalentTo(false);
        events[2].GetProperty("candidates")[0].GetProperty("finishReason").GetString().Should().Be("STOP");
        events[2].GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32().Should().BePositive();
    }

    [Fact]
    public async Task A_broken_stream_sends_pieces_without_a_finish_and_then_drops_the_connection()
    {
        _server.StreamPieces = 4;
        _server.StreamChunkDelay = TimeSpan.FromMilliseconds(100);
        _server.EnqueueBrokenStream("one two three four", piecesBeforeBreak: 3);
        using var content = JsonContent.Create(Conversation("go"));
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{_server.BaseUrl}/v1beta/models/{Model}:streamGenerateContent?alt=sse") { Content = content };
        message.Headers.Add("x-goog-api-key", ApiKey);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var received = new StringBuilder();
        var reading = async () =>
        {
            while (await reader.ReadLineAsync(Ct) is { } line)
            {
                received.AppendLine(line);
            }
        };

        // A reset may discard what was still in flight, so only the pieces sent well before it are sure to arrive.
        await reading.Should().ThrowAsync<IOException>();
        received.ToString().Should().Contain("data: ").And.Contain("one").And.NotContain("finishReason");
    }

    [Fact]
    public async Task Delay_holds_the_answer_while_the_request_is_already_visible()
    {
        _server.Delay = TimeSpan.FromMilliseconds(500);

        var call = PostAsync(Conversation("slow"));
        var seen = await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(2));

        call.IsCompleted.Should().BeFalse();
        seen.Single().LastUserText.Should().Be("slow");
        (await call).Status.Should().Be(HttpStatusCode.OK);
    }

    private static object Conversation(string lastUserText) => new
    {
        systemInstruction = new { parts = new[] { new { text = "Be brief." } } },
        contents = new[]
        {
            new { role = "user", parts = new[] { new { text = "Hello" } } },
            new { role = "model", parts = new[] { new { text = "Hi!" } } },
            new { role = "user", parts = new[] { new { text = lastUserText } } },
        },
        generationConfig = new { temperature = 0.7, maxOutputTokens = 512 },
    };

    private async Task<string?> TextOfAsync()
    {
        var (_, body) = await PostAsync(Conversation("x"));
        return body.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object payload, string apiKey = ApiKey)
    {
        using var content = JsonContent.Create(payload);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{_server.BaseUrl}/v1beta/models/{Model}:generateContent") { Content = content };
        message.Headers.Add("x-goog-api-key", apiKey);
        using var response = await _http.SendAsync(message, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }
}
