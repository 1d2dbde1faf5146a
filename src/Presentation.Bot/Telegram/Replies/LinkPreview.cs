using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Telegram.Replies;

/// <summary>The one link-preview setting every text the bot sends or edits carries: no preview.</summary>
internal static class LinkPreview
{
    public static readonly LinkPreviewOptions Off = new() { IsDisabled = true };
}
