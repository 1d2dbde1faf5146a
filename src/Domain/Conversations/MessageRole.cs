namespace CleanBot.Domain.Conversations;

public enum MessageRole
{
    User = 0,
    Model = 1,
}
