using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;
using CleanBot.Presentation.Bot.Telegram.Images;

namespace CleanBot.Presentation.Bot.Telegram.Updates;

/// <summary>What an update asks of the bot, decided from Telegram facts alone.</summary>
internal abstract record UpdateRoute
{
    private UpdateRoute()
    {
    }

    public sealed record Command(BotCommand Name, IncomingMessage Message) : UpdateRoute;

    public sealed record Ask(string Text, IncomingMessage Message) : UpdateRoute;

    /// <summary>A sticker, voice note, file or the like, addressed to the bot; <paramref name="Kind"/> says which.</summary>
    public sealed record NotText(IncomingMessage Message, NotTextKind Kind) : UpdateRoute;

    /// <summary>A photo or image file for the model; <paramref name="Caption"/> is null when none came with it.</summary>
    public sealed record Image(ImageFile File, string? Caption, IncomingMessage Message) : UpdateRoute;

    /// <summary><c>@botname question</c> typed in any chat: answered with inline results, not in a chat.</summary>
    public sealed record Inline(string QueryId, string Text, UserProfile Profile) : UpdateRoute;

    /// <summary>A press on a button of one of the bot's menus; it must be answered whatever it holds.</summary>
    public sealed record Button(ButtonPress Press) : UpdateRoute;

    /// <summary>Nothing for the bot to do; <paramref name="Reason"/> says why, for the log.</summary>
    public sealed record Ignore(string Reason) : UpdateRoute;
}
