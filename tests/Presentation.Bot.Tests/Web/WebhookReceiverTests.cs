using System.Text;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Application.Abstractions.Locking;
using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Updates;
using CleanBot.Presentation.Bot.Telegram.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Telegram.Bot;

namespace CleanBot.Presentation.Bot.Tests.Web;

/// <summary>What the webhook answers while the bot stops: a moment too short to catch end to end.</summary>
public sealed class WebhookReceiverTests
{
    private const string Secret = "unit-secret";

    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly IHostApplicationLifetime _lifetime = Substitute.For<IHostApplicationLifetime>();

    public WebhookReceiverTests() => _lifetime.ApplicationStopping.Returns(new CancellationToken(canceled: true));

    [Fact]
    public async Task While_the_bot_stops_an_update_gets_503_so_Telegram_posts_it_again_and_it_is_not_stored()
    {
        var status = await PostAsync(Secret);

        status.Should().Be(StatusCodes.Status503ServiceUnavailable);
        await _inbox.DidNotReceiveWithAnyArgs().AddNewAsync(default!, default);
    }

    [Fact]
    public async Task While_the_bot_stops_a_post_without_the_secret_still_gets_401()
    {
        var status = await PostAsync("not-the-secret");

        status.Should().Be(StatusCodes.Status401Unauthorized);
    }

    private async Task<int> PostAsync(string secret)
    {
        var services = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var identity = new BotIdentity(Substitute.For<ITelegramBotClient>());
        using var processor = new InboxProcessor(scopes, Substitute.For<IChatLock>(), identity, Options.Create(new TelegramOptions()), TimeProvider.System, NullLogger<InboxProcessor>.Instance);
        var receiver = new WebhookReceiver(
            processor, _lifetime, Options.Create(new TelegramOptions { WebhookSecret = Secret }), TimeProvider.System,
            NullLogger<WebhookReceiver>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Headers[WebhookReceiver.SecretHeader] = secret;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"update_id":1,"message":{"message_id":1,"chat":{"id":5,"type":"private"},"date":0}}"""));

        await receiver.ReceiveAsync(context);
        return context.Response.StatusCode;
    }
}
