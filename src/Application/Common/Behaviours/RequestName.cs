namespace CleanBot.Application.Common.Behaviours;

/// <summary>The request type's name, computed once per type instead of once per request.</summary>
internal static class RequestName<TRequest>
{
    public static readonly string Value = typeof(TRequest).Name;
}
