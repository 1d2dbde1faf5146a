using CleanBot.Domain.Conversations;

namespace CleanBot.Domain.UnitTests.Conversations;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_session_is_active_and_keeps_messages_in_order()
    {
        var session = Session.Start(userId: 1, chatId: 10, Now);

        session.AddUserMessage("hi", Now);
        session.AddModelMessage("hello", new TokenUsage(12, 3), Now.AddSeconds(1));

        session.IsActive.Should().BeTrue();
        session.Messages.Select(m => (m.Role, m.Text)).Should().Equal((MessageRole.User, "hi"), (MessageRole.Model, "hello"));
        session.Messages[1].InputTokens.Should().Be(12);
        session.Messages[1].OutputTokens.Should().Be(3);
        session.LastActivityAt.Should().Be(Now.AddSeconds(1));
    }

    [Fact]
    public void An_ended_session_takes_no_more_messages_and_keeps_its_first_end_time()
    {
        var session = Session.Start(1, 10, Now);
        session.End(Now);
        session.End(Now.AddHours(1));

        var add = () => session.AddUserMessage("still there?", Now);

        session.IsActive.Should().BeFalse();
        session.EndedAt.Should().Be(Now);
        add.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_loaded_history_is_kept_in_order_and_new_messages_follow_it()
    {
        var stored = Conversation(turns: 2);
        var session = Session.Start(1, 10, Now);

        session.LoadHistory(stored.Messages);
        session.AddUserMessage("q3", Now.AddHours(1));

        session.Messages.Select(m => m.Text).Should().Equal("q1", "a1", "q2", "q3");
        session.LastActivityAt.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void A_restored_session_is_the_stored_one_and_takes_new_messages()
    {
        var session = Session.Restore(id: 7, userId: 1, chatId: 10, startedAt: Now, lastActivityAt: Now.AddMinutes(5), storedOldestFirst: []);

        session.AddUserMessage("again", Now.AddMinutes(6));

        session.Id.Should().Be(7);
        session.UserId.Should().Be(1);
        session.ChatId.Should().Be(10);
        session.StartedAt.Should().Be(Now);
        session.IsActive.Should().BeTrue();
        session.Messages.Should().ContainSingle().Which.Text.Should().Be("again");
        session.LastActivityAt.Should().Be(Now.AddMinutes(6));
    }

    [Fact]
    public void A_session_is_restored_only_with_a_stored_id_and_its_own_messages()
    {
        var unsaved = Conversation(turns: 1);

        var withoutId = () => Session.Restore(0, 1, 10, Now, Now, []);
        var withOthersMessages = () => Session.Restore(7, 1, 10, Now, Now, unsaved.Messages);

        withoutId.Should().Throw<ArgumentOutOfRangeException>();
        withOthersMessages.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_history_of_another_sessions_messages_is_refused_and_leaves_the_session_without_history()
    {
        var unsaved = Conversation(turns: 1);
        var session = Session.Restore(7, 1, 10, Now, Now, []);

        var load = () => session.LoadHistory(unsaved.Messages);

        load.Should().Throw<ArgumentException>();
        session.Messages.Should().BeEmpty();
    }

    [Fact]
    public void A_history_is_loaded_once_before_anything_is_added()
    {
        var stored = Conversation(turns: 1);
        var session = Session.Start(1, 10, Now);
        session.AddUserMessage("new", Now);

        var load = () => session.LoadHistory(stored.Messages);

        load.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Empty_messages_are_refused()
    {
        var session = Session.Start(1, 10, Now);

        var add = () => session.AddUserMessage(string.Empty, Now);

        add.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void History_is_the_most_recent_messages_within_the_message_budget()
    {
        var session = Conversation(turns: 10);

        var fiveFit = session.RecentHistory(new HistoryBudget(maxMessages: 5, maxCharacters: 10_000));
        var fourFit = session.RecentHistory(new HistoryBudget(maxMessages: 4, maxCharacters: 10_000));

        fiveFit.Select(m => m.Text).Should().Equal("q8", "a8", "q9", "a9", "q10");
        // The last four would open with a model turn; the window opens on the user turn after it.
        fourFit.Select(m => m.Text).Should().Equal("q9", "a9", "q10");
    }

    [Fact]
    public void History_stops_before_the_message_that_would_exceed_the_character_budget()
    {
        var session = Session.Start(1, 10, Now);
        session.AddUserMessage(new string('a', 50), Now);
        session.AddModelMessage(new string('b', 50), null, Now);
        session.AddUserMessage(new string('c', 30), Now);
        session.AddModelMessage(new string('d', 30), null, Now);
        session.AddUserMessage("last", Now);

        var history = session.RecentHistory(new HistoryBudget(maxMessages: 100, maxCharacters: 100));

        history.Select(m => m.Text.Length).Should().Equal(30, 30, 4);
    }

    [Fact]
    public void The_newest_message_is_always_sent_even_when_it_alone_exceeds_the_budget()
    {
        var session = Conversation(turns: 2);
        session.AddUserMessage(new string('x', 500), Now);

        var history = session.RecentHistory(new HistoryBudget(maxMessages: 10, maxCharacters: 100));

        history.Should().ContainSingle().Which.Text.Should().HaveLength(500);
    }

    [Fact]
    public void History_of_a_long_conversation_stays_flat()
    {
        var budget = new HistoryBudget(maxMessages: 20, maxCharacters: 10_000);

        var shortTalk = Conversation(turns: 15).RecentHistory(budget).Count;
        var longTalk = Conversation(turns: 500).RecentHistory(budget).Count;

        longTalk.Should().Be(shortTalk).And.BeLessThanOrEqualTo(20);
    }

    [Fact]
    public void A_halved_budget_is_half_as_large_but_never_empty()
    {
        var halved = new HistoryBudget(40, 32_000).Halved();
        var tiny = new HistoryBudget(1, 1).Halved();

        (halved.MaxMessages, halved.MaxCharacters).Should().Be((20, 16_000));
        (tiny.MaxMessages, tiny.MaxCharacters).Should().Be((1, 1));
    }

    private static Session Conversation(int turns)
    {
        var session = Session.Start(1, 10, Now);
        for (var turn = 1; turn <= turns; turn++)
        {
            session.AddUserMessage($"q{turn}", Now);
            if (turn < turns)
            {
                session.AddModelMessage($"a{turn}", null, Now);
            }
        }

        return session;
    }
}
