using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>The repository contract, run against every database provider by one subclass each.</summary>
public abstract class RepositoryTests<TDatabase>(TDatabase database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Nowruz = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    protected TDatabase Database => database;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_round_trips_with_Persian_and_emoji_names()
    {
        database.SkipUnlessAvailable();
        var profile = new UserProfile(NewId(), "ali_😀", "علی 🌹", "رضایی 👨‍👩‍👧", "fa-IR");
        await RegisterAsync(profile, Nowruz);

        await using var request = database.BeginRequest();
        var user = await request.Users.FindAsync(profile.Id, Cancellation);

        user.Should().NotBeNull();
        user!.Id.Should().Be(profile.Id);
        user.Username.Should().Be("ali_😀");
        user.FirstName.Should().Be("علی 🌹");
        user.LastName.Should().Be("رضایی 👨‍👩‍👧");
        user.Language.Should().Be(Language.Persian);
        user.FirstSeenAt.Should().Be(Nowruz);
        user.LastSeenAt.Should().Be(Nowruz);
    }

    [Fact]
    public async Task The_language_is_stored_as_its_tag()
    {
        database.SkipUnlessAvailable();
        var persian = await RegisterAsync(new UserProfile(NewId(), null, "Sara", null, "fa"), Nowruz);
        var english = await RegisterAsync(new UserProfile(NewId(), null, "Sam", null, "en-GB"), Nowruz);

        await using var request = database.BeginRequest();
        (await StoredLanguageAsync(request, persian.Id)).Should().Be("fa");
        (await StoredLanguageAsync(request, english.Id)).Should().Be("en");
    }

    [Fact]
    public async Task A_persona_and_a_chosen_language_round_trip_as_tags_next_to_the_reported_language()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(new UserProfile(NewId(), null, "Sara", null, "en"), Nowruz);

        await using (var request = database.BeginRequest())
        {
            var tracked = await request.Users.FindAsync(user.Id, Cancellation);
            tracked!.ChoosePersona(Persona.CodeHelper);
            tracked.ChooseLanguage(Language.Persian);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var reloaded = await reader.Users.FindAsync(user.Id, Cancellation);
        reloaded!.Persona.Should().Be(Persona.CodeHelper);
        reloaded.ChosenLanguage.Should().Be(Language.Persian);
        reloaded.ReportedLanguage.Should().Be(Language.English);
        reloaded.Language.Should().Be(Language.Persian);
        (await StoredLanguageAsync(reader, user.Id)).Should().Be("en", "the Language column keeps what Telegram reports");
        (await StoredPersonaAsync(reader, user.Id)).Should().Be("code");
        (await StoredChosenLanguageAsync(reader, user.Id)).Should().Be("fa");
    }

    [Fact]
    public async Task A_user_who_chose_nothing_is_stored_as_the_assistant_without_a_chosen_language()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(new UserProfile(NewId(), null, "Ali", null, "fa"), Nowruz);

        await using var reader = database.BeginRequest();
        var reloaded = await reader.Users.FindAsync(user.Id, Cancellation);
        reloaded!.Persona.Should().Be(Persona.Assistant);
        reloaded.ChosenLanguage.Should().BeNull();
        reloaded.Language.Should().Be(Language.Persian);
        (await StoredPersonaAsync(reader, user.Id)).Should().Be("assistant");
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        database.SkipUnlessAvailable();
        await using var request = database.BeginRequest();

        (await request.Users.FindAsync(NewId(), Cancellation)).Should().BeNull();
    }

    [Fact]
    public async Task A_new_user_registered_by_two_requests_at_once_is_stored_once_and_both_commit()
    {
        database.SkipUnlessAvailable();
        var id = NewId();
        await using var first = database.BeginRequest();
        await using var second = database.BeginRequest();
        (await first.Users.FindAsync(id, Cancellation)).Should().BeNull();
        (await second.Users.FindAsync(id, Cancellation)).Should().BeNull();
        first.Users.Add(User.Register(new UserProfile(id, null, "First", null, "en"), Nowruz));
        second.Users.Add(User.Register(new UserProfile(id, "later", "Second", null, "fa"), Nowruz.AddSeconds(1)));

        await first.SaveAsync();
        await second.SaveAsync();

        await using var reader = database.BeginRequest();
        var stored = await reader.Users.FindAsync(id, Cancellation);
        stored!.FirstName.Should().Be("Second", "the later request refreshes the row");
        stored.Language.Should().Be(Language.Persian);
        stored.FirstSeenAt.Should().Be(Nowruz, "the first sighting stays");
    }

    [Fact]
    public async Task A_refreshed_user_is_saved()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(new UserProfile(NewId(), "old", "Old", null, "en"), Nowruz);
        var later = Nowruz.AddHours(1);

        await using (var request = database.BeginRequest())
        {
            var tracked = await request.Users.FindAsync(user.Id, Cancellation);
            tracked!.Refresh(new UserProfile(user.Id, "new", "نو", "Name", "fa"), later);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var reloaded = await reader.Users.FindAsync(user.Id, Cancellation);
        reloaded!.Username.Should().Be("new");
        reloaded.FirstName.Should().Be("نو");
        reloaded.LastName.Should().Be("Name");
        reloaded.Language.Should().Be(Language.Persian);
        reloaded.FirstSeenAt.Should().Be(Nowruz);
        reloaded.LastSeenAt.Should().Be(later);
    }

    [Fact]
    public async Task A_session_and_its_messages_round_trip()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);
        var chatId = NewId();

        await using (var request = database.BeginRequest())
        {
            var session = Session.Start(user.Id, chatId, Nowruz);
            session.AddUserMessage("سلام! حالت چطوره؟ 🌷", Nowruz.AddSeconds(1));
            session.AddModelMessage("خوبم، ممنون 😊", new TokenUsage(12, 7), Nowruz.AddSeconds(3));
            request.Sessions.Add(session);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 10, Cancellation);

        loaded.Should().NotBeNull();
        loaded!.Id.Should().BePositive();
        loaded.UserId.Should().Be(user.Id);
        loaded.ChatId.Should().Be(chatId);
        loaded.StartedAt.Should().Be(Nowruz);
        loaded.LastActivityAt.Should().Be(Nowruz.AddSeconds(3));
        loaded.EndedAt.Should().BeNull();
        loaded.Messages.Should().SatisfyRespectively(
            question =>
            {
                question.SessionId.Should().Be(loaded.Id);
                question.Role.Should().Be(MessageRole.User);
                question.Text.Should().Be("سلام! حالت چطوره؟ 🌷");
                question.InputTokens.Should().BeNull();
                question.OutputTokens.Should().BeNull();
                question.CreatedAt.Should().Be(Nowruz.AddSeconds(1));
            },
            answer =>
            {
                answer.Role.Should().Be(MessageRole.Model);
                answer.Text.Should().Be("خوبم، ممنون 😊");
                answer.InputTokens.Should().Be(12);
                answer.OutputTokens.Should().Be(7);
                answer.CreatedAt.Should().Be(Nowruz.AddSeconds(3));
            });
    }

    [Fact]
    public async Task A_long_Persian_and_emoji_message_round_trips_whole()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);
        var chatId = NewId();
        // Well past 64 KiB of UTF-8, the limit of a MySQL TEXT column.
        var text = string.Concat(Enumerable.Repeat("سلام دنیا 👋🏽 ", 8_000));

        await using (var request = database.BeginRequest())
        {
            var session = Session.Start(user.Id, chatId, Nowruz);
            session.AddModelMessage(text, usage: null, Nowruz);
            request.Sessions.Add(session);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 1, Cancellation);

        loaded!.Messages.Should().ContainSingle().Which.Text.Should().Be(text);
    }

    [Fact]
    public async Task FindActive_loads_exactly_the_newest_messages_oldest_first()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);
        var other = await RegisterAsync(NewProfile(), Nowruz);
        var chatId = NewId();

        // Another conversation writes in between, so the session's message ids are not consecutive.
        await using (var request = database.BeginRequest())
        {
            request.Sessions.Add(Session.Start(user.Id, chatId, Nowruz));
            request.Sessions.Add(Session.Start(other.Id, chatId, Nowruz));
            await request.SaveAsync();
        }

        for (var turn = 1; turn <= 4; turn++)
        {
            await using var request = database.BeginRequest();
            var session = await request.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 0, Cancellation);
            var otherSession = await request.Sessions.FindActiveAsync(chatId, other.Id, recentMessages: 0, Cancellation);
            session!.AddUserMessage($"question {turn}", Nowruz.AddMinutes(turn));
            otherSession!.AddUserMessage($"other {turn}", Nowruz.AddMinutes(turn));
            session.AddModelMessage($"answer {turn}", new TokenUsage(turn, turn), Nowruz.AddMinutes(turn).AddSeconds(5));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 3, Cancellation);

        loaded!.Messages.Select(message => message.Text).Should().Equal("answer 3", "question 4", "answer 4");
        loaded.Messages.Select(message => message.Id).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_turn_added_to_a_loaded_history_stores_only_the_new_messages()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 3);
        var answeredAt = Nowruz.AddHours(1);

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 4, Cancellation);
            request.DbContext.ChangeTracker.Entries<Message>().Should().BeEmpty("the loaded history is read, not tracked");

            session!.AddUserMessage("question 4", answeredAt.AddSeconds(-1));
            session.AddModelMessage("answer 4", new TokenUsage(5, 2), answeredAt);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, userId, recentMessages: 100, Cancellation);

        loaded!.Messages.Select(message => message.Text).Should().Equal(
            "question 1", "answer 1", "question 2", "answer 2", "question 3", "answer 3", "question 4", "answer 4");
        loaded.Messages.Should().OnlyContain(message => message.SessionId == loaded.Id);
        loaded.LastActivityAt.Should().Be(answeredAt);
        loaded.Messages[^1].OutputTokens.Should().Be(2);
    }

    [Fact]
    public async Task A_saved_turn_gives_its_messages_their_stored_ids()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 1);
        Message question, answer;

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            question = session!.AddUserMessage("question 2", Nowruz.AddHours(1));
            answer = session.AddModelMessage("answer 2", new TokenUsage(3, 4), Nowruz.AddHours(1).AddSeconds(1));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var stored = await reader.DbContext.Messages.AsNoTracking().Where(message => message.Text == "question 2" || message.Text == "answer 2")
            .OrderBy(message => message.Id).Where(message => message.SessionId == question.SessionId).ToListAsync(Cancellation);
        stored.Select(message => (message.Id, message.SessionId, message.Text)).Should().Equal(
            (question.Id, question.SessionId, "question 2"), (answer.Id, answer.SessionId, "answer 2"));
        question.Id.Should().BeGreaterThan(0);
        question.SessionId.Should().NotBe(0);
    }

    [Fact]
    public async Task A_second_save_of_the_same_request_stores_only_what_came_after_the_first()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 1);

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            session!.AddUserMessage("question 2", Nowruz.AddHours(1));
            await request.SaveAsync();
            session.AddModelMessage("answer 2", usage: null, Nowruz.AddHours(2));
            await request.SaveAsync();
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
        loaded!.Messages.Select(message => message.Text).Should().Equal("question 1", "answer 1", "question 2", "answer 2");
        loaded.LastActivityAt.Should().Be(Nowruz.AddHours(2));
    }

    [Fact]
    public async Task A_turn_saved_with_a_change_to_the_user_stores_both()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 1);
        var later = Nowruz.AddHours(1);

        await using (var request = database.BeginRequest())
        {
            var user = await request.Users.FindAsync(userId, Cancellation);
            user!.Refresh(new UserProfile(userId, "renamed", "Test", null, "en"), later);
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            session!.AddUserMessage("question 2", later);
            session.AddModelMessage("answer 2", usage: null, later.AddSeconds(1));
            await request.SaveAsync();
            session.AddUserMessage("question 3", later.AddMinutes(1));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        (await reader.Users.FindAsync(userId, Cancellation))!.Username.Should().Be("renamed");
        var loaded = await reader.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
        loaded!.Messages.Select(message => message.Text).Should().Equal("question 1", "answer 1", "question 2", "answer 2", "question 3");
        loaded.LastActivityAt.Should().Be(later.AddMinutes(1));
    }

    [Fact]
    public async Task A_turn_of_a_session_deleted_meanwhile_fails_and_stores_nothing()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 1);

        long sessionId;
        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            sessionId = session!.Id;
            await using (var other = database.BeginRequest())
            {
                await other.DbContext.Sessions.Where(stored => stored.Id == sessionId).ExecuteDeleteAsync(Cancellation);
            }

            session.AddUserMessage("question 2", Nowruz.AddHours(1));
            Func<Task> save = request.SaveAsync;

            await save.Should().ThrowAsync<DbUpdateException>("the session is gone: EF and the SQLite writer both refuse the turn");
        }

        await using var reader = database.BeginRequest();
        (await reader.DbContext.Messages.AnyAsync(message => message.SessionId == sessionId, Cancellation)).Should().BeFalse();
    }

    [Fact]
    public async Task FindActive_loads_every_message_when_there_are_fewer_than_asked()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 2);

        await using var request = database.BeginRequest();
        var loaded = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);

        loaded!.Messages.Select(message => message.Text).Should().Equal("question 1", "answer 1", "question 2", "answer 2");
    }

    [Fact]
    public async Task FindActive_with_no_recent_messages_loads_none()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 2);

        await using var request = database.BeginRequest();
        var loaded = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 0, Cancellation);

        loaded.Should().NotBeNull();
        loaded!.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task FindActive_returns_only_the_session_of_that_user_in_that_chat()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);
        var other = await RegisterAsync(NewProfile(), Nowruz);
        var chatId = NewId();
        var otherChatId = NewId();
        Session wanted;

        await using (var request = database.BeginRequest())
        {
            wanted = Session.Start(user.Id, chatId, Nowruz);
            request.Sessions.Add(wanted);
            request.Sessions.Add(Session.Start(user.Id, otherChatId, Nowruz));
            request.Sessions.Add(Session.Start(other.Id, chatId, Nowruz));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var loaded = await reader.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 5, Cancellation);

        loaded!.Id.Should().Be(wanted.Id);
        (await reader.Sessions.FindActiveAsync(NewId(), user.Id, recentMessages: 5, Cancellation)).Should().BeNull();
    }

    [Fact]
    public async Task An_ended_session_is_not_active()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 1);

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 0, Cancellation);
            session!.End(Nowruz.AddDays(1));
            await request.SaveAsync();
        }

        await using (var request = database.BeginRequest())
        {
            (await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 5, Cancellation)).Should().BeNull();
            request.Sessions.Add(Session.Start(userId, chatId, Nowruz.AddDays(2)));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var fresh = await reader.Sessions.FindActiveAsync(chatId, userId, recentMessages: 5, Cancellation);
        fresh!.StartedAt.Should().Be(Nowruz.AddDays(2));
        fresh.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_context_sees_what_the_first_committed()
    {
        database.SkipUnlessAvailable();
        var profile = NewProfile();
        await using var writer = database.BeginRequest();
        await using var reader = database.BeginRequest();
        (await reader.Users.FindAsync(profile.Id, Cancellation)).Should().BeNull();

        writer.Users.Add(User.Register(profile, Nowruz));
        await writer.SaveAsync();

        reader.DbContext.Should().NotBeSameAs(writer.DbContext);
        (await reader.Users.FindAsync(profile.Id, Cancellation)).Should().NotBeNull();
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_sessions_and_messages()
    {
        database.SkipUnlessAvailable();
        var (chatId, userId) = await StartConversationAsync(turns: 2);

        await using (var request = database.BeginRequest())
        {
            var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 0, Cancellation);
            await request.DbContext.Users.Where(user => user.Id == userId).ExecuteDeleteAsync(Cancellation);

            await using var reader = database.BeginRequest();
            (await reader.DbContext.Sessions.AnyAsync(stored => stored.Id == session!.Id, Cancellation)).Should().BeFalse();
            (await reader.DbContext.Messages.AnyAsync(message => message.SessionId == session!.Id, Cancellation)).Should().BeFalse();
        }
    }

    [Fact]
    public async Task A_block_mark_round_trips_and_a_refresh_clears_it()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);

        await using (var request = database.BeginRequest())
        {
            var tracked = await request.Users.FindAsync(user.Id, Cancellation);
            tracked!.MarkBlockedBot(Nowruz.AddHours(1));
            await request.SaveAsync();
        }

        await using (var request = database.BeginRequest())
        {
            var marked = await request.Users.FindAsync(user.Id, Cancellation);
            marked!.BlockedBotAt.Should().Be(Nowruz.AddHours(1));
            marked.Refresh(new UserProfile(user.Id, null, "Test", null, "en"), Nowruz.AddHours(2));
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        (await reader.Users.FindAsync(user.Id, Cancellation))!.HasBlockedBot.Should().BeFalse();
    }

    [Fact]
    public async Task TokensUsedSince_sums_the_users_answers_since_the_instant_in_every_chat_ended_sessions_included()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz.AddDays(-2));
        var other = await RegisterAsync(NewProfile(), Nowruz.AddDays(-2));
        var midnight = new DateTimeOffset(Nowruz.UtcDateTime.Date, TimeSpan.Zero);

        await using (var request = database.BeginRequest())
        {
            // Yesterday only: not counted, and its session is not even joined.
            var yesterday = Session.Start(user.Id, NewId(), midnight.AddDays(-1));
            yesterday.AddUserMessage("q", midnight.AddHours(-2));
            yesterday.AddModelMessage("a", new TokenUsage(1_000, 1_000), midnight.AddHours(-2));

            // Started yesterday, answered on both days, then ended by /new: today's answers still count.
            var spanning = Session.Start(user.Id, NewId(), midnight.AddDays(-1));
            spanning.AddModelMessage("late", new TokenUsage(500, 500), midnight.AddSeconds(-1));
            spanning.AddModelMessage("early", new TokenUsage(30, 20), midnight);
            spanning.AddModelMessage("no usage reported", usage: null, midnight.AddHours(1));
            spanning.End(midnight.AddHours(2));

            // Another chat, today.
            var group = Session.Start(user.Id, NewId(), midnight.AddHours(3));
            group.AddUserMessage("q", midnight.AddHours(3));
            group.AddModelMessage("a", new TokenUsage(int.MaxValue, 1), midnight.AddHours(3));

            // Someone else, today.
            var someoneElse = Session.Start(other.Id, NewId(), midnight.AddHours(3));
            someoneElse.AddModelMessage("a", new TokenUsage(7_000, 7_000), midnight.AddHours(3));

            request.Sessions.Add(yesterday);
            request.Sessions.Add(spanning);
            request.Sessions.Add(group);
            request.Sessions.Add(someoneElse);
            await request.SaveAsync();
        }

        await using var reader = database.BeginRequest();
        var used = await reader.Sessions.TokensUsedSinceAsync(user.Id, midnight, Cancellation);

        used.Should().Be(50 + (long)int.MaxValue + 1, "sums are taken in 64 bits");
    }

    [Fact]
    public async Task TokensUsedSince_is_zero_for_a_user_without_answers()
    {
        database.SkipUnlessAvailable();
        var user = await RegisterAsync(NewProfile(), Nowruz);

        await using var request = database.BeginRequest();

        (await request.Sessions.TokensUsedSinceAsync(user.Id, Nowruz, Cancellation)).Should().Be(0);
    }

    protected static long NewId() => Random.Shared.NextInt64(1, long.MaxValue);

    private static UserProfile NewProfile() => new(NewId(), null, "Test", null, "en");

    private static Task<string> StoredLanguageAsync(RequestScope request, long userId) =>
        // Backticks quote names in both SQLite and MySQL.
        request.DbContext.Database
            .SqlQuery<string>($"SELECT `Language` AS `Value` FROM `Users` WHERE `Id` = {userId}")
            .SingleAsync(Cancellation);

    private static Task<string> StoredPersonaAsync(RequestScope request, long userId) =>
        request.DbContext.Database
            .SqlQuery<string>($"SELECT `Persona` AS `Value` FROM `Users` WHERE `Id` = {userId}")
            .SingleAsync(Cancellation);

    private static Task<string?> StoredChosenLanguageAsync(RequestScope request, long userId) =>
        request.DbContext.Database
            .SqlQuery<string?>($"SELECT `ChosenLanguage` AS `Value` FROM `Users` WHERE `Id` = {userId}")
            .SingleAsync(Cancellation);

    private async Task<User> RegisterAsync(UserProfile profile, DateTimeOffset now)
    {
        await using var request = database.BeginRequest();
        var user = User.Register(profile, now);
        request.Users.Add(user);
        await request.SaveAsync();
        return user;
    }

    private Task<(long ChatId, long UserId)> StartConversationAsync(int turns) => database.StartConversationAsync(turns, Nowruz);
}
