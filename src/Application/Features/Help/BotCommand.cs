namespace CleanBot.Application.Features.Help;

/// <summary>The commands the bot understands. Their descriptions are words, and live with the other texts.</summary>
public enum BotCommand
{
    Start,
    Help,
    Reset,
    New,
    Mode,
    Lang,
    Usage,
    Stats,
    Ask,
}
