using CleanBot.Domain.Users;

namespace CleanBot.Application.Common.Outcomes;

/// <summary>A request made by a person; the pipeline uses the profile to answer in their language.</summary>
public interface IUserRequest
{
    UserProfile Profile { get; }
}
