namespace CleanBot.Domain.Conversations;

/// <summary>One conversation of one user in one chat. It stays active until the user starts a new one.</summary>
public sealed class Session
{
    private readonly List<Message> _messages = [];

    private Session()
    {
    }

    private Session(long userId, long chatId, DateTimeOffset now)
    {
        UserId = userId;
        ChatId = chatId;
        StartedAt = now;
        LastActivityAt = now;
    }

    public long Id { get; private set; }

    public long UserId { get; private set; }

    public long ChatId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsActive => EndedAt is null;

    /// <summary>The messages loaded with this session, oldest first. A repository may load only the most recent ones.</summary>
    public IReadOnlyList<Message> Messages => _messages;

    public static Session Start(long userId, long chatId, DateTimeOffset now) => new(userId, chatId, now);

    /// <summary>
    /// Rebuilds an active stored session from a copy kept outside the database (a cache), with the stored messages
    /// given oldest first: the same session a repository would read.
    /// </summary>
    public static Session Restore(
        long id, long userId, long chatId, DateTimeOffset startedAt, DateTimeOffset lastActivityAt, IEnumerable<Message> storedOldestFirst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        var session = new Session(userId, chatId, startedAt) { Id = id, LastActivityAt = lastActivityAt };
        session.LoadHistory(storedOldestFirst);
        return session;
    }

    public Message AddUserMessage(string text, DateTimeOffset now) => Add(MessageRole.User, text, now, usage: null);

    public Message AddModelMessage(string text, TokenUsage? usage, DateTimeOffset now) => Add(MessageRole.Model, text, now, usage);

    /// <summary>
    /// Gives a stored session the messages read with it, oldest first, as a repository loads them. It is done once, on
    /// a session that holds none yet, and changes nothing about the session itself.
    /// </summary>
    public void LoadHistory(IEnumerable<Message> storedOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(storedOldestFirst);
        if (_messages.Count > 0)
        {
            throw new InvalidOperationException("The history of a session is loaded once, before any message is added.");
        }

        if (storedOldestFirst.TryGetNonEnumeratedCount(out var stored))
        {
            // Room for the history and for the turn that follows a load (a question and its answer), in one allocation.
            _messages.EnsureCapacity(stored + 2);
        }

        // A collection (a repository's list, a cache's array) is copied in one go rather than through its enumerator.
        _messages.AddRange(storedOldestFirst);
        foreach (var message in _messages)
        {
            if (message.SessionId != Id)
            {
                _messages.Clear();
                throw new ArgumentException($"Message {message.Id} belongs to session {message.SessionId}, not {Id}.", nameof(storedOldestFirst));
            }
        }
    }

    public void End(DateTimeOffset now)
    {
        EndedAt ??= now;
    }

    /// <summary>
    /// The turns the model sees: the most recent messages that fit the budget, oldest first, always including the
    /// newest message and always opening with a user turn (the model expects a conversation to start with the user).
    /// </summary>
    public IReadOnlyList<Message> RecentHistory(HistoryBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (_messages.Count == 0)
        {
            return [];
        }

        var first = _messages.Count - 1;
        var characters = _messages[first].Text.Length;
        while (first > 0 && _messages.Count - first < budget.MaxMessages)
        {
            var candidate = _messages[first - 1];
            if (characters + candidate.Text.Length > budget.MaxCharacters)
            {
                break;
            }

            characters += candidate.Text.Length;
            first--;
        }

        while (first < _messages.Count - 1 && _messages[first].Role != MessageRole.User)
        {
            first++;
        }

        return _messages.GetRange(first, _messages.Count - first);
    }

    private Message Add(MessageRole role, string text, DateTimeOffset now, TokenUsage? usage)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (!IsActive)
        {
            throw new InvalidOperationException("An ended session takes no more messages.");
        }

        var message = new Message(role, text, now, usage);
        _messages.Add(message);
        LastActivityAt = now;
        return message;
    }
}
