using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Menus;
using CleanBot.Presentation.Bot.Telegram.Replies;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>A callback_query as the bot acts on it.</summary>
/// <param name="QueryId">The id to answer the press with.</param>
/// <param name="Profile">Who pressed: the choice is stored on them.</param>
/// <param name="Menu">Where the menu message is, to edit it; null when Telegram did not say (a button under an
/// inline message, or an unusable chat).</param>
/// <param name="Choice">What the button stands for; null when its data is not one of the bot's buttons.</param>
internal sealed record ButtonPress(string QueryId, UserProfile Profile, MenuMessage? Menu, MenuChoice? Choice);

/// <param name="Target">The chat (and topic) the menu is in.</param>
/// <param name="MessageId">The menu message itself.</param>
internal sealed record MenuMessage(ReplyTarget Target, int MessageId);
