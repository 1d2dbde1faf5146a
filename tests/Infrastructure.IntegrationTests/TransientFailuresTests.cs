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
    public void A_constraint_violation_or_a_bug_is_not_transient()
    {
        TransientFailures.IsTransient(new SqliteException("UNIQUE constraint failed", 19)).Should().BeFalse();
        TransientFailures.IsTransient(new InvalidOperationException("bug")).Should().BeFalse();
    }
}
