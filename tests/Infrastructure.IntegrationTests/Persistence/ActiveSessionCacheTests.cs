using CleanBot.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// When the sessions kept in memory are used instead of the database. To see which one answered, some tests delete a
/// session's messages behind the cache's back: a read from memory still has them, a read from the file has none.
/// </summary>
public sealed class ActiveSessionCacheTests(SqliteSoleWriterTestDatabase database) : IClassFixture<SqliteSoleWriterTestDatabase>
{
    private static readonly DateTimeOffset Nowruz = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_turn_is_served_from_memory_on_the_next_turn_with_the_stored_ids()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 2);
        await AddTurnAsync(chatId, userId, turn: 3, recentMessages: 40);
        var stored = await ReadFromFileAsync(chatId, userId);
        await DeleteMessagesBehindTheCacheAsync(chatId, userId);

        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);

        session!.Id.Should().Be(stored.Id);
        session.LastActivityAt.Should().Be(stored.LastActivityAt);
        session.Messages.Select(message => (message.Id, message.Text)).Should().Equal(stored.Messages.Select(message => (message.Id, message.Text)));
        session.Messages.Select(message => message.Text).Should().Equal(
            "question 1", "answer 1", "question 2", "answer 2", "question 3", "answer 3");
    }

    [Fact]
    public async Task A_session_handed_out_is_read_from_the_file_next_time_unless_its_request_saved()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 1);
        await AddTurnAsync(chatId, userId, turn: 2, recentMessages: 40);

        await using (var unsaved = database.BeginRequest())
        {
            var session = await unsaved.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
            session!.AddUserMessage("never saved", Nowruz.AddHours(1));
        }

        await DeleteMessagesBehindTheCacheAsync(chatId, userId);
        await using var request = database.BeginRequest();
        var reread = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);

        reread!.Messages.Should().BeEmpty("the file has none, and the unsaved request left nothing in memory");
    }

    [Fact]
    public async Task A_new_session_is_not_kept_until_its_second_turn()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 1);
        await DeleteMessagesBehindTheCacheAsync(chatId, userId);

        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);

        session!.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_session_ended_after_it_was_kept_is_no_longer_active()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 1);
        await AddTurnAsync(chatId, userId, turn: 2, recentMessages: 40);

        await using (var reset = database.BeginRequest())
        {
            var session = await reset.Sessions.FindActiveAsync(chatId, userId, recentMessages: 0, Cancellation);
            session!.End(Nowruz.AddDays(1));
            await reset.SaveAsync();
        }

        await using var request = database.BeginRequest();
        (await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation)).Should().BeNull();
    }

    [Fact]
    public async Task Asking_for_more_messages_than_were_kept_reads_the_file()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 3);
        await AddTurnAsync(chatId, userId, turn: 4, recentMessages: 4);

        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 100, Cancellation);

        session!.Messages.Should().HaveCount(8);
    }

    [Fact]
    public async Task Fewer_messages_than_were_kept_are_the_newest_ones()
    {
        var (chatId, userId) = await StartConversationAsync(turns: 3);
        await AddTurnAsync(chatId, userId, turn: 4, recentMessages: 40);
        await DeleteMessagesBehindTheCacheAsync(chatId, userId);

        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 3, Cancellation);

        session!.Messages.Select(message => message.Text).Should().Equal("answer 3", "question 4", "answer 4");
    }

    private async Task AddTurnAsync(long chatId, long userId, int turn, int recentMessages)
    {
        await using var request = database.BeginRequest();
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages, Cancellation);
        session!.AddUserMessage($"question {turn}", Nowruz.AddMinutes(turn));
        session.AddModelMessage($"answer {turn}", new TokenUsage(turn, turn), Nowruz.AddMinutes(turn).AddSeconds(1));
        await request.SaveAsync();
    }

    /// <summary>What the file holds, read directly rather than through the repository.</summary>
    private async Task<(long Id, DateTimeOffset LastActivityAt, List<Message> Messages)> ReadFromFileAsync(long chatId, long userId)
    {
        await using var request = database.BeginRequest();
        var session = await request.DbContext.Sessions.AsNoTracking()
            .SingleAsync(candidate => candidate.ChatId == chatId && candidate.UserId == userId, Cancellation);
        var messages = await request.DbContext.Messages.AsNoTracking()
            .Where(message => message.SessionId == session.Id).OrderBy(message => message.Id).ToListAsync(Cancellation);
        return (session.Id, session.LastActivityAt, messages);
    }

    private async Task DeleteMessagesBehindTheCacheAsync(long chatId, long userId)
    {
        await using var request = database.BeginRequest();
        await request.DbContext.Database.ExecuteSqlAsync(
            $"DELETE FROM Messages WHERE SessionId IN (SELECT Id FROM Sessions WHERE ChatId = {chatId} AND UserId = {userId})",
            Cancellation);
    }

    private Task<(long ChatId, long UserId)> StartConversationAsync(int turns) => database.StartConversationAsync(turns, Nowruz);
}
