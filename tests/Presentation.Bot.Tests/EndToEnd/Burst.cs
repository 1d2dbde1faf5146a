using CleanBot.Presentation.Bot.Tests.Fakes;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// Private questions from several users, each worded uniquely, so every reply ("Echo: question" from the fake Gemini)
/// names the one update it answers. Questions are queued round-robin over the users, as a busy bot receives them.
/// </summary>
internal sealed class Burst
{
    private readonly List<(long UserId, string Text)> _questions = [];

    public Burst(string tag, long firstUserId, int users, int questionsPerUser)
    {
        for (var round = 0; round < questionsPerUser; round++)
        {
            for (var user = 0; user < users; user++)
            {
                _questions.Add((firstUserId + user, $"{tag} user {user:D2} question {round:D2}"));
            }
        }
    }

    public int Count => _questions.Count;

    /// <summary>Queues questions [<paramref name="from"/>, <paramref name="to"/>) on the fake Bot API.</summary>
    public void Send(FakeTelegramServer telegram, int from, int to)
    {
        foreach (var (userId, text) in _questions[from..to])
        {
            telegram.EnqueueUpdate(telegram.Updates.PrivateText(userId, text));
        }
    }

    /// <summary>How many replies each question got, in the order the questions were made.</summary>
    public IReadOnlyList<int> RepliesPerQuestion(FakeTelegramServer telegram)
    {
        var replies = telegram.SentMessages.GroupBy(message => (message.ChatId, message.Text))
            .ToDictionary(group => group.Key, group => group.Count());
        return [.. _questions.Select(question => replies.GetValueOrDefault((question.UserId, "Echo: " + question.Text)))];
    }

    public Task WaitUntilAllAnsweredAsync(FakeTelegramServer telegram, TimeSpan timeout) =>
        telegram.WaitForAsync(() => RepliesPerQuestion(telegram).All(count => count > 0), timeout);

    /// <summary>Replies beyond the first, over all questions.</summary>
    public int Duplicates(FakeTelegramServer telegram) => RepliesPerQuestion(telegram).Sum(count => Math.Max(0, count - 1));

    /// <summary>The most replies beyond the first that any one user's questions got, together.</summary>
    public int MostDuplicatesInOneChat(FakeTelegramServer telegram) =>
        RepliesPerQuestion(telegram).Select((count, index) => (_questions[index].UserId, Extra: Math.Max(0, count - 1)))
            .GroupBy(question => question.UserId, question => question.Extra)
            .Max(extras => extras.Sum());

    public int Unanswered(FakeTelegramServer telegram) => RepliesPerQuestion(telegram).Count(count => count == 0);
}
