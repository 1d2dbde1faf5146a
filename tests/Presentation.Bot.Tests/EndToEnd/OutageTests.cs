using System.Net;
using CleanBot.Presentation.Bot.Tests.Fakes;
using MySqlConnector;
using StackExchange.Redis;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>
/// The bot's own servers go away in the middle of a burst: MySQL (as in a restart) and Redis. Each sits behind a
/// <see cref="TcpProxy"/> that the test cuts for a few seconds, so the shared servers are never touched. Run when
/// <c>CLEANBOT_TEST_MYSQL</c> / <c>CLEANBOT_TEST_REDIS</c> are set (as in CI); reported skipped otherwise.
/// </summary>
public sealed class OutageTests
{
    private const int Users = 20;
    private const int QuestionsPerUser = 10;

    /// <summary>Long enough for every kind of call (polling, storing, answering, marking) to run into the outage.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_MySQL_outage_mid_burst_delays_the_answers_and_every_update_is_answered_exactly_once()
    {
        var mysql = Environment.GetEnvironmentVariable("CLEANBOT_TEST_MYSQL");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(mysql), "CLEANBOT_TEST_MYSQL is not set.");
        var direct = new MySqlConnectionStringBuilder(mysql) { Database = $"cleanbot_outage_{Guid.NewGuid():N}" };
        await using var proxy = TcpProxy.Start(direct.Server, (int)direct.Port);
        var throughProxy = new MySqlConnectionStringBuilder(direct.ConnectionString) { Server = "127.0.0.1", Port = (uint)proxy.Port };

        try
        {
            await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "MySql",
                ["ConnectionStrings:MySql"] = throughProxy.ConnectionString,
            });

            await RunBurstWithOutageAsync(bot, proxy, "mysql", () => PendingInMySqlAsync(direct.ConnectionString));
            bot.Logs.Lines.Should().Contain(line => line.StartsWith("Error Microsoft.EntityFrameworkCore.Database.Connection", StringComparison.Ordinal),
                "the outage hit the bot's database calls (EF Core logs each failed attempt before its retry)");
        }
        finally
        {
            await using var connection = new MySqlConnection(mysql);
            await connection.OpenAsync(Ct);
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS `{direct.Database}`";
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }

    [Fact]
    public async Task A_Redis_outage_mid_burst_leaves_cache_and_locks_to_the_instance_and_every_update_is_answered_exactly_once()
    {
        var redis = Environment.GetEnvironmentVariable("CLEANBOT_TEST_REDIS");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(redis), "CLEANBOT_TEST_REDIS is not set.");
        var (host, port) = HostAndPort(ConfigurationOptions.Parse(redis!).EndPoints[0]);
        await using var proxy = TcpProxy.Start(host, port);
        await using var bot = await BotUnderTest.StartNewAsync(new Dictionary<string, string?>
        {
            ["Cache:Provider"] = "Redis",
            ["Locks:Provider"] = "Redis",
            ["Cache:KeyPrefix"] = $"cleanbot-outage:{Guid.NewGuid():N}:",
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{proxy.Port}",
        });

        await RunBurstWithOutageAsync(bot, proxy, "redis", () => SqliteInbox.PendingAsync(bot.DatabasePath));
        bot.Logs.Lines.Should().Contain(line => line.Contains("Redis cache is unavailable", StringComparison.Ordinal)
            || line.Contains("Redis locks are unavailable", StringComparison.Ordinal), "the bot noticed the outage");
    }

    /// <summary>
    /// Half the burst, then the cut once answers are flowing; the other half arrives during the outage; then the
    /// server comes back. Every question must be answered exactly once and every update marked handled, with no
    /// update given up or apologised for.
    /// </summary>
    private static async Task RunBurstWithOutageAsync(BotUnderTest bot, TcpProxy proxy, string tag, Func<Task<long>> pendingCount)
    {
        var burst = new Burst(tag, firstUserId: 9_300_001, Users, QuestionsPerUser);
        bot.Gemini.Delay = TimeSpan.FromMilliseconds(20);
        var half = burst.Count / 2;
        burst.Send(bot.Telegram, 0, half);
        await bot.Telegram.WaitForAsync(() => bot.Telegram.SentMessages.Count >= Users, TimeSpan.FromSeconds(60));

        proxy.Cut();
        burst.Send(bot.Telegram, half, burst.Count);
        await Task.Delay(Outage, Ct);
        proxy.Restore();

        await burst.WaitUntilAllAnsweredAsync(bot.Telegram, TimeSpan.FromSeconds(120));
        await WaitUntilAllHandledAsync(pendingCount);
        await bot.StopAsync();

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{tag}: {burst.Count} questions, {proxy.ConnectionsCut} connections cut, {burst.Duplicates(bot.Telegram)} answered twice");
        proxy.ConnectionsCut.Should().BePositive("the cut hit connections in use");
        burst.RepliesPerQuestion(bot.Telegram).Should().AllSatisfy(count => count.Should().Be(1));
        // What an update's failure looks like: a drain given up, or an update answered with an apology. (A request
        // attempt cut off by the outage is logged as an error by EF Core and the pipeline, and then tried again.)
        bot.Logs.Lines.Should().NotContain(line => line.StartsWith("Critical", StringComparison.Ordinal)
            || line.StartsWith("Error CleanBot.Presentation.Bot.Telegram", StringComparison.Ordinal), "an outage is waited out, not treated as a failure");
    }

    /// <summary>Every answered update is also marked handled: a mark still pending at a stop would answer it again.</summary>
    private static async Task WaitUntilAllHandledAsync(Func<Task<long>> pendingCount)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await pendingCount() > 0)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static (string Host, int Port) HostAndPort(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => (dns.Host, dns.Port),
        IPEndPoint ip => (ip.Address.ToString(), ip.Port),
        _ => throw new InvalidOperationException($"Unexpected Redis endpoint {endPoint}."),
    };

    private static async Task<long> PendingInMySqlAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM InboxUpdates WHERE HandledAt IS NULL";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
