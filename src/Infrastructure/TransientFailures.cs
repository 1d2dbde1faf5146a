using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure;

/// <summary>
/// Tells failures of the bot's own infrastructure that will pass by themselves (the database restarting, a network
/// blip to it) from everything else. An update that failed for such a reason is kept and handled again later
/// instead of being answered with an apology and dropped.
/// </summary>
public static class TransientFailures
{
    // Microsoft.Data.Sqlite does not flag these as transient: another connection holds the file's write lock.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
                or RetryLimitExceededException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
