using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Replies;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>The facts about a message that every route needs: who wrote it and where the answer goes.</summary>
internal sealed record IncomingMessage(UserProfile Profile, ReplyTarget Target);
