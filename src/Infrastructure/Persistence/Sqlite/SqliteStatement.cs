using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// One of the bot's own statements, prepared once on its writer's connection and run through SQLite's own API (the
/// SQLitePCL.raw layer under Microsoft.Data.Sqlite). A <see cref="SqliteCommand"/> made a binder object for every
/// parameter and a data reader for every run: about 6 % of the bytes the bot allocated per update
/// (docs/performance-history.md). Values are bound as Microsoft.Data.Sqlite binds them, for the types the bot's columns
/// store. Not thread-safe: its writer runs it in the file's write queue.
/// </summary>
/// <remarks>
/// A file busy with another process's write is waited for by SQLite itself, up to the connection's <c>busy_timeout</c>
/// (<see cref="SqlitePragmaInterceptor"/>); past it the write fails with a <see cref="SqliteException"/>, as a command's
/// would once its own timeout ran out.
/// </remarks>
internal sealed class SqliteStatement : IDisposable
{
    // Short texts (a brief question or answer) are encoded on the stack; longer ones (an update, most answers) in a
    // pooled buffer.
    private const int StackTextBytes = 256;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        var result = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        SqliteException.ThrowExceptionForRC(result, connection.Handle);
    }

    /// <summary>The position of a named parameter (<c>$Name</c>) in the statement.</summary>
    public int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    /// <summary>Binds a value as a provider value of one of the bot's columns, the way Microsoft.Data.Sqlite binds it.</summary>
    public void Bind(int index, object? value)
    {
        var result = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            DateTime time => BindDateTime(index, time),
            _ => throw new NotSupportedException($"The bot's own statements do not store {value.GetType()} values."),
        };
        SqliteException.ThrowExceptionForRC(result, _connection.Handle);
    }

    /// <summary>Runs the statement to its end; returns how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            Finish(raw.sqlite3_step(_statement));
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a statement whose first row's first column is an integer (<c>RETURNING</c> an id) and returns it.</summary>
    public long ExecuteScalarInt64()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result, _connection.Handle);
                throw new InvalidOperationException("The statement returned no row.");
            }

            var value = raw.sqlite3_column_int64(_statement, 0);
            Finish(raw.sqlite3_step(_statement));
            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Finish(int result)
    {
        while (result == raw.SQLITE_ROW)
        {
            result = raw.sqlite3_step(_statement);
        }

        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _connection.Handle);
        }
    }

    // Microsoft.Data.Sqlite's text for a date, written straight into UTF-8 (27 bytes at most).
    private int BindDateTime(int index, DateTime time)
    {
        Span<byte> text = stackalloc byte[32];
        return time.TryFormat(text, out var written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)
            ? raw.sqlite3_bind_text(_statement, index, text[..written])
            : throw new FormatException($"{time:O} does not fit the date format.");
    }

    private int BindText(int index, string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = length <= StackTextBytes ? stackalloc byte[StackTextBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer can go back at once.
            return raw.sqlite3_bind_text(_statement, index, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
