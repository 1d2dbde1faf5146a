using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Infrastructure.Persistence;
using CleanBot.Infrastructure.Persistence.MySql;
using CleanBot.Infrastructure.Persistence.Sessions;
using CleanBot.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Infrastructure.IntegrationTests.Persistence;

public sealed class PersistenceRegistrationTests
{
    [Fact]
    public async Task Sqlite_is_the_default_with_a_file_next_to_the_bot()
    {
        await using var services = new ServiceCollection().AddLogging().AddPersistence(Configuration()).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var dbContext = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        dbContext.Should().BeOfType<SqliteBotDbContext>();
        dbContext.Database.GetConnectionString().Should().Be("Data Source=cleanbot.db");
        scope.ServiceProvider.GetRequiredService<IUnitOfWork>().Should().BeOfType<SessionCachingUnitOfWork<SqliteBotDbContext>>();
        scope.ServiceProvider.GetRequiredService<IUserRepository>().Should().NotBeNull();
        scope.ServiceProvider.GetRequiredService<ISessionRepository>().Should().NotBeNull();
    }

    [Fact]
    public void MySql_is_chosen_whatever_the_case_and_registering_it_does_not_connect()
    {
        var services = new ServiceCollection().AddPersistence(Configuration(
            ("Database:Provider", "mysql"),
            ("ConnectionStrings:MySql", "Server=127.0.0.1;Port=1;Database=nowhere;User=nobody;")));

        services.Should().Contain(service => service.ServiceType == typeof(MySqlBotDbContext));
        services.Should().NotContain(service => service.ServiceType == typeof(SqliteBotDbContext));
    }

    [Fact]
    public void MySql_without_a_connection_string_is_refused()
    {
        var register = () => new ServiceCollection().AddPersistence(Configuration(("Database:Provider", "MySql")));

        register.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings__MySql*");
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting()
    {
        var register = () => new ServiceCollection().AddPersistence(Configuration(("Database:Provider", "Oracle")));

        register.Should().Throw<InvalidOperationException>().WithMessage("*Oracle*Database__Provider*");
    }

    [Fact]
    public void A_sole_writer_keeps_16_MiB_of_active_sessions_unless_configured()
    {
        SessionCacheBound(soleWriter: true).Should().Be(16 * 1024 * 1024);
        SessionCacheBound(soleWriter: true, ("Cache:SessionMegabytes", "64")).Should().Be(64 * 1024 * 1024);
        SessionCacheBound(soleWriter: true, ("Cache:SessionMegabytes", "0")).Should().Be(0, "0 turns it off");
    }

    [Fact]
    public void Without_being_the_sole_writer_no_session_is_kept_in_memory()
    {
        SessionCacheBound(soleWriter: false, ("Cache:SessionMegabytes", "64")).Should().Be(0);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("65537")]
    public void A_session_cache_bound_out_of_range_is_refused_naming_the_setting(string value)
    {
        var register = () => new ServiceCollection().AddPersistence(Configuration(("Cache:SessionMegabytes", value)), soleWriter: true);

        register.Should().Throw<InvalidOperationException>().WithMessage("*Cache__SessionMegabytes*0 to 65536*");
    }

    private static long SessionCacheBound(bool soleWriter, params (string Key, string Value)[] settings)
    {
        using var services = new ServiceCollection().AddPersistence(Configuration(settings), soleWriter).BuildServiceProvider();
        return services.GetRequiredService<ActiveSessionCache>().MaxBytes;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();
}
