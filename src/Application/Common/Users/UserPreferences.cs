using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>What a user has set up: the language the bot speaks to them and the persona it answers in.</summary>
public readonly record struct UserPreferences(Language Language, Persona Persona);
