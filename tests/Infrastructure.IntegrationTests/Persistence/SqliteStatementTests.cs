using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The bot's own statements bind values through SQLite's API instead of Microsoft.Data.Sqlite's parameters, so the
/// rows they write must be the ones a <see cref="SqliteCommand"/> writes: the same storage class, the same bytes.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private const string Insert = "INSERT INTO Samples (Value) VALUES ($value) RETURNING Id;";

    private readonly string _folder = Directory.CreateTempSubdirectory("cleanbot-statement-").FullName;
    private readonly SqliteConnection _connection;

    public SqliteStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "statements.db")};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE Samples (Id INTEGER PRIMARY KEY, Value NOT NULL DEFAULT 'default', Label TEXT UNIQUE);";
        create.ExecuteNonQuery();
    }

    public static TheoryData<object> Values() => new()
    {
        42L,
        -7,
        true,
        0.25,
        "plain",
        "سلام، دنیا",
        new string('x', 5_000),
        string.Empty,
        new DateTime(2026, 3, 21, 15, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567),
        new DateTime(2026, 3, 22, 12, 0, 0, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_stored_as_a_SqliteCommand_stores_it(object value)
    {
        using (var statement = new SqliteStatement(_connection, Insert))
        {
            statement.Bind(statement.ParameterIndex("$value"), value);
            statement.ExecuteScalarInt64();
        }

        using (var command = _connection.CreateCommand())
        {
            command.CommandText = Insert;
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteScalar();
        }

        var stored = StoredValues();
        stored.Should().HaveCount(2);
        stored[0].Should().Be(stored[1]);
    }

    [Fact]
    public void Null_is_bound_as_NULL()
    {
        using var statement = new SqliteStatement(_connection, "INSERT INTO Samples (Value, Label) VALUES ('v', $label);");

        statement.Bind(statement.ParameterIndex("$label"), null);
        statement.Execute();

        StoredValues(column: "Label").Should().Equal("NULL null");
    }

    [Fact]
    public void Execute_says_how_many_rows_changed_and_a_statement_runs_again_after_a_failure()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO Samples (Value, Label) VALUES ('v', $label) ON CONFLICT DO NOTHING;");
        using var strict = new SqliteStatement(_connection, "INSERT INTO Samples (Value, Label) VALUES ('v', $label);");
        var label = insert.ParameterIndex("$label");

        insert.Bind(label, "a");
        insert.Execute().Should().Be(1);
        insert.Execute().Should().Be(0, "the row was there already");

        strict.Bind(strict.ParameterIndex("$label"), "a");
        strict.Invoking(statement => statement.Execute()).Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19); // SQLITE_CONSTRAINT
        strict.Bind(strict.ParameterIndex("$label"), "b");
        strict.Execute().Should().Be(1);
    }

    [Fact]
    public void A_statement_returns_the_id_it_inserted()
    {
        using var statement = new SqliteStatement(_connection, Insert);
        var value = statement.ParameterIndex("$value");

        statement.Bind(value, "first");
        var first = statement.ExecuteScalarInt64();
        statement.Bind(value, "second");

        statement.ExecuteScalarInt64().Should().Be(first + 1);
    }

    [Fact]
    public void A_type_the_bot_does_not_store_is_refused_and_an_unknown_parameter_named()
    {
        using var statement = new SqliteStatement(_connection, Insert);

        statement.Invoking(s => s.Bind(1, Guid.NewGuid())).Should().Throw<NotSupportedException>();
        statement.Invoking(s => s.ParameterIndex("$missing")).Should().Throw<ArgumentException>().WithMessage("*$missing*");
    }

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private List<string> StoredValues(string column = "Value")
    {
        using var query = _connection.CreateCommand();
        query.CommandText = $"SELECT quote({column}) || ' ' || typeof({column}) FROM Samples ORDER BY Id;";
        using var reader = query.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
