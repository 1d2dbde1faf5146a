namespace CleanBot.Infrastructure.Persistence.Inbox;

/// <summary>One stored update: a row of the inbox table. Not a domain entity: it is the bot's delivery bookkeeping.</summary>
internal sealed class InboxRecord
{
    public long UpdateId { get; set; }

    public long ChatKey { get; set; }

    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? HandledAt { get; set; }
}
