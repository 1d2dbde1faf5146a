using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Users;

/// <summary>
/// The result of recognising a user: their language and, when the stored record was read (and perhaps staged for a
/// write), the snapshot to cache once the request's changes have been committed. <paramref name="Persona"/> is the chat
/// mode their questions are answered in, read with the rest, so a question costs no extra read for it.
/// </summary>
public readonly record struct UserVisit(Language Language, UserSnapshot? SnapshotToCache, bool IsNewUser, Persona Persona);
