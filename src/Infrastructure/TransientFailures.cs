using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure;

/// <summary>
/// Tells failures of the bot's own infrastructure that will pass by themselves (the database restarting, a network
/// blip to it) from everything else. An update that failed for such a reason is kept and handled again later
/// instead of being answered with an apology and dropped.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or RetryLimitExceededException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
