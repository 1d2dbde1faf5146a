namespace CleanBot.Application.Abstractions.Inbox;

/// <param name="UpdateId">The platform's own id of the update: unique, increasing.</param>
/// <param name="ChatKey">The conversation it belongs to; updates of one key are handled in id order.</param>
/// <param name="Payload">The update exactly as received (JSON), handled from this record after a restart.</param>
public sealed record InboundUpdate(long UpdateId, long ChatKey, string Payload, DateTimeOffset ReceivedAt);
