using MySqlConnector;

namespace CleanBot.Bench;

/// <summary>
/// Where the bot under test keeps its data: a SQLite file in the scratch folder (the default), or a database of its
/// own on a MySQL server, and the memory cache or Redis. A MySQL database and the Redis keys are named after the run,
/// so runs never share state, and the database is dropped afterwards.
/// </summary>
internal sealed class BotStorage(string sqlitePath, string? mySqlServer, string? redis, string runName)
{
    private string MySqlDatabase => $"cleanbot_bench_{runName}";

    public IEnumerable<(string Name, string Value)> Environment()
    {
        if (mySqlServer is null)
        {
            yield return ("Database__Provider", "Sqlite");
            yield return ("ConnectionStrings__Sqlite", $"Data Source={sqlitePath}");
        }
        else
        {
            yield return ("Database__Provider", "MySql");
            yield return ("ConnectionStrings__MySql", new MySqlConnectionStringBuilder(mySqlServer) { Database = MySqlDatabase }.ConnectionString);
        }

        if (redis is null)
        {
            yield return ("Cache__Provider", "Memory");
        }
        else
        {
            yield return ("Cache__Provider", "Redis");
            yield return ("ConnectionStrings__Redis", redis);
            yield return ("Cache__KeyPrefix", $"cleanbot-bench-{runName}:");
        }
    }

    /// <summary>What the data takes on disk: the SQLite file and its -wal, or MySQL's own figure for the run's
    /// tables (data and indexes, after ANALYZE TABLE so InnoDB's estimate is fresh).</summary>
    public async Task<(long Database, long Wal)> SizeAsync()
    {
        if (mySqlServer is null)
        {
            static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
            return (Size(sqlitePath), Size(sqlitePath + "-wal"));
        }

        await using var connection = new MySqlConnection(mySqlServer);
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = $"ANALYZE TABLE `{MySqlDatabase}`.`Users`, `{MySqlDatabase}`.`Sessions`, `{MySqlDatabase}`.`Messages`, `{MySqlDatabase}`.`InboxUpdates`";
        await using (var reader = await analyze.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
            }
        }

        await using var size = connection.CreateCommand();
        size.CommandText = "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = @schema";
        size.Parameters.AddWithValue("@schema", MySqlDatabase);
        return (Convert.ToInt64(await size.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), 0);
    }

    /// <summary>Drops the run's MySQL database; the SQLite file goes with the scratch folder.</summary>
    public async Task CleanUpAsync()
    {
        if (mySqlServer is null)
        {
            return;
        }

        await using var connection = new MySqlConnection(mySqlServer);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{MySqlDatabase}`";
        await command.ExecuteNonQueryAsync();
    }
}
