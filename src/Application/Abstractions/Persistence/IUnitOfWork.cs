namespace CleanBot.Application.Abstractions.Persistence;

/// <summary>Commits everything the repositories of one request have staged, in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
