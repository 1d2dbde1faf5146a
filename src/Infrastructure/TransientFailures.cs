using System.Data.Common;
using System.Net.Sockets;
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
        var viaHttp = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
                or RetryLimitExceededException or TimeoutException)
            {
                return true;
            }

            // The connection to the database broke (a server restart resets it). MySqlConnector reports that as a
            // MySqlException not flagged transient, or even as the bare SocketException, so EF Core does not retry it.
            // The same socket error under an HTTP failure is Telegram's or Gemini's, not the bot's own infrastructure.
            viaHttp |= current is HttpRequestException or HttpIOException;
            if (!viaHttp && current is SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
