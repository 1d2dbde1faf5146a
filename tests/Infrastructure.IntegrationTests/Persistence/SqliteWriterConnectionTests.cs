using System.Data;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The bot's own SQLite writers share one connection, so that none of them finds its page cache emptied by another's
/// commit; each kind of statements is prepared on it once, and a failure of SQLite's drops it with all of them.
/// </summary>
public sealed class SqliteWriterConnectionTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>, IDisposable
{
    private static readonly DateTimeOffset Nowruz = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteWriterConnection _writerConnection = new(database.Services.GetRequiredService<IServiceScopeFactory>());
    private readonly List<Statements> _prepared = [];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Each_kind_of_statements_is_prepared_once_and_every_kind_on_the_same_open_connection()
    {
        var first = Prepared();
        var again = Prepared();
        var other = PreparedOther();

        again.Should().BeSameAs(first);
        _prepared.Should().HaveCount(2);
        other.Connection.Should().BeSameAs(first.Connection);
        first.Connection.State.Should().Be(ConnectionState.Open);
        first.ReadOne().Should().Be(1);
    }

    [Fact]
    public void A_failure_of_SQLites_drops_the_connection_and_every_statement_and_the_next_write_prepares_them_anew()
    {
        var before = Prepared();
        var otherBefore = PreparedOther();

        this.Invoking(test => test.Run(connection => new Statements(connection), statements => statements.ReadMissingTable()))
            .Should().Throw<SqliteException>();

        _prepared.Should().OnlyContain(statements => statements.Disposed);
        before.Connection.State.Should().Be(ConnectionState.Closed);
        var after = PreparedOther();
        after.Should().NotBeSameAs(otherBefore);
        after.Connection.Should().NotBeSameAs(before.Connection);
        after.ReadOne().Should().Be(1);
    }

    [Fact]
    public void Any_other_failure_keeps_the_connection_and_the_statements()
    {
        var before = Prepared();

        this.Invoking(test => test.Run(connection => new Statements(connection), Statements (_) => throw new InvalidOperationException("not SQLite's")))
            .Should().Throw<InvalidOperationException>();

        Prepared().Should().BeSameAs(before);
        before.Disposed.Should().BeFalse();
    }

    [Fact]
    public void Disposing_it_disposes_the_statements_and_the_connection_and_refuses_later_writes()
    {
        var statements = Prepared();

        _writerConnection.Dispose();

        statements.Disposed.Should().BeTrue();
        statements.Connection.State.Should().Be(ConnectionState.Closed);
        this.Invoking(test => test.Prepared()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task The_inbox_and_the_turns_write_through_the_containers_one_connection()
    {
        await using var fresh = new SqliteTestDatabase();
        await fresh.InitializeAsync();
        var (chatId, userId) = await fresh.StartConversationAsync(turns: 1, Nowruz);
        var update = new InboundUpdate(Random.Shared.NextInt64(1, long.MaxValue), chatId, "{}", Nowruz);
        await using var request = fresh.BeginRequest();
        await request.Inbox.AddNewAsync([update], Cancellation);
        var session = await request.Sessions.FindActiveAsync(chatId, userId, recentMessages: 40, Cancellation);
        session!.AddUserMessage("question 2", Nowruz.AddMinutes(2));

        fresh.Services.GetRequiredService<SqliteWriterConnection>().Dispose();

        await request.Invoking(request => request.SaveAsync()).Should().ThrowAsync<ObjectDisposedException>();
        await request.Inbox.Invoking(inbox => inbox.AddNewAsync([update with { UpdateId = update.UpdateId + 1 }], Cancellation))
            .Should().ThrowAsync<ObjectDisposedException>();
        await request.Inbox.Invoking(inbox => inbox.MarkHandledAsync([update.UpdateId], Nowruz, Cancellation))
            .Should().ThrowAsync<ObjectDisposedException>();
    }

    public void Dispose() => _writerConnection.Dispose();

    private Statements Prepared() => Run(connection => new Statements(connection), statements => statements);

    private OtherStatements PreparedOther() => Run(connection => new OtherStatements(connection), statements => statements);

    /// <summary>Runs a write through the connection under test, noting each set of statements it has prepared.</summary>
    private TResult Run<TStatements, TResult>(Func<SqliteConnection, TStatements> create, Func<TStatements, TResult> write)
        where TStatements : Statements =>
        _writerConnection.Run((_, connection) =>
        {
            var statements = create(connection);
            _prepared.Add(statements);
            return statements;
        }, write);

    /// <summary>Stands for a writer's prepared statements: what it was prepared on, and whether it was disposed.</summary>
    public class Statements(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public bool Disposed { get; private set; }

        public long ReadOne() => Read("SELECT 1");

        public long ReadMissingTable() => Read("SELECT COUNT(*) FROM NoSuchTable");

        public void Dispose()
        {
            Disposed = true;
            GC.SuppressFinalize(this);
        }

        private long Read(string sql)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Another writer's kind of statements.</summary>
    public sealed class OtherStatements(SqliteConnection connection) : Statements(connection);
}
