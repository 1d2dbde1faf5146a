using CleanBot.Application.Common.Outcomes;
using CleanBot.Domain.Users;
using MediatR;

namespace CleanBot.Application.Features.Preferences.ChooseLanguage;

/// <summary>A person picks the language the bot speaks to them (<c>/lang</c>), whatever their Telegram client reports.</summary>
public sealed record ChooseLanguageCommand(UserProfile Profile, Language Language) : IRequest<ChooseLanguageOutcome>, IUserRequest;
