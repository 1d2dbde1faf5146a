using CleanBot.Domain.Conversations;
using CleanBot.Domain.Users;
using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

/// <summary>What only SQLite needs: migrations on a bare file, write-ahead logging, waiting writers.</summary>
public sealed class SqliteDatabaseTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrating_an_empty_file_creates_the_tables()
    {
        await using var fresh = new SqliteTestDatabase();
        File.Exists(fresh.FilePath).Should().BeFalse();

        await fresh.InitializeAsync();

        await using var request = fresh.BeginRequest();
        var tables = await request.DbContext.Database
            .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(Cancellation);
        tables.Should().Contain(["Users", "Sessions", "Messages", "InboxUpdates", "__EFMigrationsHistory"]);
        (await request.DbContext.Database.GetAppliedMigrationsAsync(Cancellation))
            .Should().Equal(request.DbContext.Database.GetMigrations());
        (await request.DbContext.Database.GetPendingMigrationsAsync(Cancellation)).Should().BeEmpty();
    }

    [Fact]
    public async Task Users_stored_before_personas_existed_come_out_of_the_migration_as_assistants_in_Telegrams_language()
    {
        await using var fresh = new SqliteTestDatabase();
        await fresh.InitializeAsync();
        await using (var request = fresh.BeginRequest())
        {
            var migrator = request.DbContext.GetService<IMigrator>();
            await migrator.MigrateAsync("AddUserBlockedBot", Cancellation);
            await request.DbContext.Database.ExecuteSqlAsync(
                $"INSERT INTO Users (Id, FirstName, Language, FirstSeenAt, LastSeenAt) VALUES (77, 'Old', 'fa', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                Cancellation);
            await migrator.MigrateAsync(cancellationToken: Cancellation);
        }

        await using var reader = fresh.BeginRequest();
        var user = await reader.Users.FindAsync(77, Cancellation);
        user!.Persona.Should().Be(Persona.Assistant);
        user.ChosenLanguage.Should().BeNull();
        user.Language.Should().Be(Language.Persian);
    }

    [Fact]
    public async Task The_file_uses_write_ahead_logging()
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);

        (await ScalarAsync(connection, "PRAGMA journal_mode;")).Should().Be("wal");
    }

    [Fact]
    public async Task Every_connection_waits_for_a_busy_writer_syncs_normally_and_checkpoints_every_4000_pages()
    {
        await using var request = database.BeginRequest();
        await request.DbContext.Database.OpenConnectionAsync(Cancellation);

        await ShouldHaveTheBotsPragmasAsync(request.DbContext.Database.GetDbConnection());
    }

    [Fact]
    public async Task The_bots_own_connections_get_the_same_pragmas()
    {
        await using var request = database.BeginRequest();
        await using var connection = SqliteDatabase.OpenConnection(request.DbContext);

        await ShouldHaveTheBotsPragmasAsync(connection);
    }

    [Fact]
    public async Task A_writer_waits_for_another_instead_of_failing_with_database_is_locked()
    {
        // A connection of its own, outside the pool the bot's contexts share.
        await using var blocker = new SqliteConnection($"{database.ConnectionString};Pooling=False");
        await blocker.OpenAsync(Cancellation);
        await using var writeLock = await blocker.BeginTransactionAsync(Cancellation);

        var profile = new UserProfile(NewId(), null, "Patient", null, "en");
        await using var request = database.BeginRequest();
        request.Users.Add(User.Register(profile, Now));
        // Microsoft.Data.Sqlite is synchronous underneath: wait on another thread.
        var save = Task.Run(request.SaveAsync, Cancellation);

        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
        save.IsCompleted.Should().BeFalse("the other connection still holds the write lock");
        await writeLock.CommitAsync(Cancellation);

        await save;
        await using var reader = database.BeginRequest();
        (await reader.Users.FindAsync(profile.Id, Cancellation)).Should().NotBeNull();
    }

    [Fact]
    public async Task Writers_in_one_process_take_turns_at_the_file_instead_of_meeting_it_locked()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherWrite = SqliteWriteQueue.For(database.ConnectionString).RunAsync(_ => release.Task, Cancellation);
        Task save;
        var profile = new UserProfile(NewId(), null, "Turn", null, "en");
        await using (var request = database.BeginRequest())
        {
            request.Users.Add(User.Register(profile, Now));
            save = request.SaveAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
            save.IsCompleted.Should().BeFalse("another write of this process holds the file's turn");
            release.SetResult(0);
            await save;
            await otherWrite;
        }

        await using var reader = database.BeginRequest();
        (await reader.Users.FindAsync(profile.Id, Cancellation)).Should().NotBeNull();
    }

    [Fact]
    public void One_file_has_one_write_queue_however_its_path_is_spelt()
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), database.FilePath);

        SqliteWriteQueue.For($"Data Source={relative}").Should().BeSameAs(SqliteWriteQueue.For(database.ConnectionString));
        SqliteWriteQueue.For($"Data Source={database.FilePath}-other").Should().NotBeSameAs(SqliteWriteQueue.For(database.ConnectionString));
    }

    [Fact]
    public async Task Concurrent_writers_from_two_contexts_all_succeed()
    {
        const int SavesPerWriter = 25;
        var user = User.Register(new UserProfile(NewId(), null, "Busy", null, "en"), Now);
        await using (var request = database.BeginRequest())
        {
            request.Users.Add(user);
            await request.SaveAsync();
        }

        async Task WriteAsync(long chatId)
        {
            for (var i = 0; i < SavesPerWriter; i++)
            {
                await using var request = database.BeginRequest();
                var session = await request.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 0, Cancellation)
                    ?? StartSession(request, chatId);
                session.AddUserMessage($"message {i}", Now.AddSeconds(i));
                await request.SaveAsync();
            }
        }

        Session StartSession(RequestScope request, long chatId)
        {
            var session = Session.Start(user.Id, chatId, Now);
            request.Sessions.Add(session);
            return session;
        }

        var chats = new[] { NewId(), NewId() };
        await Task.WhenAll(chats.Select(chatId => Task.Run(() => WriteAsync(chatId), Cancellation)));

        await using var reader = database.BeginRequest();
        foreach (var chatId in chats)
        {
            var session = await reader.Sessions.FindActiveAsync(chatId, user.Id, recentMessages: 100, Cancellation);
            session!.Messages.Should().HaveCount(SavesPerWriter);
        }
    }

    [Fact]
    public async Task Only_one_session_per_user_and_chat_can_be_active()
    {
        var user = User.Register(new UserProfile(NewId(), null, "Twice", null, "en"), Now);
        var chatId = NewId();
        await using (var request = database.BeginRequest())
        {
            request.Users.Add(user);
            request.Sessions.Add(Session.Start(user.Id, chatId, Now));
            await request.SaveAsync();
        }

        await using var second = database.BeginRequest();
        second.Sessions.Add(Session.Start(user.Id, chatId, Now));

        await second.Invoking(request => request.SaveAsync()).Should().ThrowAsync<DbUpdateException>();
    }

    private static long NewId() => Random.Shared.NextInt64(1, long.MaxValue);

    private static async Task ShouldHaveTheBotsPragmasAsync(System.Data.Common.DbConnection connection)
    {
        (await ScalarAsync(connection, "PRAGMA busy_timeout;")).Should().Be(5000L);
        (await ScalarAsync(connection, "PRAGMA synchronous;")).Should().Be(1L, "1 is NORMAL");
        (await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;")).Should().Be(4000L, "SQLite's default is 1,000 pages");
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancellation);
    }
}
