using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using CleanBot.Presentation.Bot.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Tests.Web;

public sealed class BotHealthCheckTests
{
    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly ITelegramBotClient _telegram = Substitute.For<ITelegramBotClient>();
    private readonly IHostApplicationLifetime _lifetime = Substitute.For<IHostApplicationLifetime>();
    private readonly BotIdentity _identity;

    public BotHealthCheckTests()
    {
        _identity = new BotIdentity(_telegram);
        _telegram.SendRequest(Arg.Any<GetMeRequest>(), Arg.Any<CancellationToken>())
            .Returns(new User { Id = 7, IsBot = true, FirstName = "Bot", Username = "health_test_bot" });
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthy_once_the_bot_knows_who_it_is_and_the_database_answers()
    {
        await _identity.InitializeAsync(Ct);

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Healthy);
        await _inbox.Received(1).ChatsWithPendingAsync(1, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Unhealthy_before_getMe_has_answered()
    {
        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("getMe");
    }

    [Fact]
    public async Task Unhealthy_when_the_database_does_not_answer()
    {
        await _identity.InitializeAsync(Ct);
        _inbox.ChatsWithPendingAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("no answer"));

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("database");
        result.Exception.Should().BeOfType<TimeoutException>();
    }

    [Fact]
    public async Task Unhealthy_while_the_bot_stops_so_a_load_balancer_sends_nothing_more()
    {
        await _identity.InitializeAsync(Ct);
        _lifetime.ApplicationStopping.Returns(new CancellationToken(canceled: true));

        var result = await CheckAsync();

        result.Status.Should().Be(HealthStatus.Unhealthy);
    }

    private Task<HealthCheckResult> CheckAsync()
    {
        var scopes = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        return new BotHealthCheck(_identity, scopes, _lifetime).CheckHealthAsync(new HealthCheckContext(), Ct);
    }
}
