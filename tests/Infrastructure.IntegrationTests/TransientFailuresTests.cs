using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanBot.Infrastructure.IntegrationTests;

public sealed class TransientFailuresTests
{
    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    public void A_locked_sqlite_file_is_transient_also_when_wrapped(int errorCode)
    {
        var locked = new SqliteException("database is locked", errorCode);

        TransientFailures.IsTransient(locked).Should().BeTrue();
        TransientFailures.IsTransient(new DbUpdateException("save failed", locked)).Should().BeTrue();
    }

    [Fact]
    public void A_database_connection_reset_mid_command_is_transient_also_when_wrapped()
    {
        var reset = new BrokenConnectionException(new SocketException(104));
        var closed = new BrokenConnectionException(new EndOfStreamException("Expected to read 4 header bytes but only received 0."));

        TransientFailures.IsTransient(reset).Should().BeTrue();
        TransientFailures.IsTransient(new DbUpdateException("save failed", reset)).Should().BeTrue();
        TransientFailures.IsTransient(closed).Should().BeTrue();
        TransientFailures.IsTransient(new SocketException(104)).Should().BeTrue("MySqlConnector can throw the socket's own error");
    }

    [Fact]
    public void A_network_failure_of_an_HTTP_call_is_not_the_bots_infrastructure()
    {
        var http = new HttpRequestException("Connection reset by peer", new IOException("reset", new SocketException(104)));

        TransientFailures.IsTransient(http).Should().BeFalse();
        TransientFailures.IsTransient(new InvalidOperationException("send failed", http)).Should().BeFalse();
    }

    [Fact]
    public void A_constraint_violation_or_a_bug_is_not_transient()
    {
        TransientFailures.IsTransient(new SqliteException("UNIQUE constraint failed", 19)).Should().BeFalse();
        TransientFailures.IsTransient(new InvalidOperationException("bug")).Should().BeFalse();
    }

    /// <summary>What MySqlConnector throws when the server's connection is reset: a DbException over the socket error.</summary>
    private sealed class BrokenConnectionException(Exception inner) : DbException("Failed to read the result set.", inner);
}
