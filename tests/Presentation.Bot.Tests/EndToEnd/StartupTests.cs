using CleanBot.Presentation.Bot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>What a start does before the first getUpdates, and what waits for what.</summary>
public sealed class StartupTests
{
    private const long UserId = 9101;

    [Fact]
    public async Task A_polling_bot_connects_to_the_Bot_API_while_the_start_up_steps_before_polling_still_run()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var slowStep = new SlowStartStep(bot.Telegram);

        // First in line, so every later hosted service (the migration, the poller) starts only after it.
        await bot.StartAsync(replaceServices: services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(slowStep)));

        slowStep.SawConnection.Should().BeTrue("getMe and deleteWebhook need no database, so they do not wait for the migration");
        var reply = await bot.AskPrivateAsync(UserId, "Ready?");
        reply.Text.Should().Be("Echo: Ready?");
    }

    /// <summary>A start-up step that takes as long as the bot needs to connect, as a long migration would.</summary>
    private sealed class SlowStartStep(FakeTelegramServer telegram) : IHostedService
    {
        public bool SawConnection { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await telegram.WaitForAsync(() => telegram.CallsTo("deleteWebhook").Count > 0, TimeSpan.FromSeconds(10));
                SawConnection = true;
            }
            catch (TimeoutException)
            {
                // Not connected in time: SawConnection stays false, and the test says why it failed.
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
