using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A request takes a context from EF's pool only when it needs one: a turn of a session kept in memory, stored by the
/// turn writer, needs none, and renting one per update was a measurable share of the bot's CPU.
/// </summary>
public sealed class RequestDbContextTests(SqliteSoleWriterTestDatabase database) : IClassFixture<SqliteSoleWriterTestDatabase>
{
    private static readonly DateTimeOffset Nowruz = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_turn_of_a_session_kept_in_memory_is_stored_without_taking_a_context()
    {
        var (chatId, userId) = await database.StartConversationAsync(turns: 1, Nowruz);
        await TurnAsync(chatId, userId, 2, expectContext: true); // read from the file, then kept in memory
        await TurnAsync(chatId, userId, 3, expectContext: false);

        // Read from the file itself: the next request would be served from memory.
        await using var reader = database.BeginRequest();
        var sessionId = await reader.DbContext.Sessions
            .Where(session => session.ChatId == chatId)
            .Select(session => session.Id)
            .SingleAsync(Cancellation);
        var stored = await reader.DbContext.Messages.AsNoTracking()
            .Where(message => message.SessionId == sessionId)
            .OrderBy(message => message.Id)
            .Select(message => message.Text)
            .ToListAsync(Cancellation);
        stored.Should().Equal("question 1", "answer 1", "question 2", "answer 2", "question 3", "answer 3");
    }

    [Fact]
    public async Task A_request_that_starts_a_session_takes_a_context_and_saves_it()
    {
        var (chatId, userId) = await database.StartConversationAsync(turns: 0, Nowruz);

        await using (var request = database.BeginRequest())
        {
            request.HasTakenContext.Should().BeFalse();
            var session = Session.Start(userId, chatId + 1, Nowruz);
            session.AddUserMessage("salaam", Nowruz);
            request.Sessions.Add(session);
            await request.SaveAsync();
            request.HasTakenContext.Should().BeTrue();
        }

        await using var reader = database.BeginRequest();
        (await reader.Sessions.FindActiveAsync(chatId + 1, userId, recentMessages: 10, Cancellation))!.Messages
            .Should().ContainSingle(message => message.Text == "salaam");
    }

    private async Task TurnAsync(long chatId, long userId, int turn, bool expectContext)
    {
        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
        session!.AddUserMessage($"question {turn}", Nowruz.AddMinutes(turn));
        session.AddModelMessage($"answer {turn}", usage: null, Nowruz.AddMinutes(turn).AddSeconds(1));
        await request.SaveAsync();
        request.HasTakenContext.Should().Be(expectContext);
    }
}
