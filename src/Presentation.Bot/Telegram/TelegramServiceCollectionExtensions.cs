using CleanBot.Presentation.Bot.Telegram.Commands;
using CleanBot.Presentation.Bot.Telegram.Images;
using CleanBot.Presentation.Bot.Telegram.InlineQueries;
using CleanBot.Presentation.Bot.Telegram.Polling;
using CleanBot.Presentation.Bot.Telegram.Replies;
using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using CleanBot.Presentation.Bot.Telegram.Updates;
using CleanBot.Presentation.Bot.Telegram.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CleanBot.Presentation.Bot.Telegram;

internal static class TelegramServiceCollectionExtensions
{
    private const string HttpClientName = "telegram";

    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TelegramOptions>(configuration.GetSection(TelegramOptions.SectionName));

        // Telegram.Bot puts the token in every request URL, so this client must never log its requests.
        services.AddHttpClient(HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
                // The Bot API answers where it is asked; not following redirects spares every call a layer.
                AllowAutoRedirect = false,
            });

        services.AddSingleton<ITelegramBotClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var clientOptions = new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl)
            {
                // 429s are waited out by ChatDelivery, per chat, whatever their length.
                RetryCount = 0,
            };
            return new TelegramBotClient(clientOptions, httpClient);
        });

        services.AddSingleton<BotIdentity>();
        services.AddSingleton<BotApiConnector>();
        services.AddSingleton<ChatCooldowns>();
        services.AddSingleton<OutboundBudget>();
        services.AddSingleton<ChatDelivery>();
        services.AddSingleton<ReplySender>();
        services.AddSingleton<MenuReplies>();
        services.AddSingleton<TypingIndicator>();
        services.Configure<StreamingOptions>(configuration.GetSection(StreamingOptions.SectionName));
        services.AddSingleton<AnswerStreamer>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<TelegramImageDownloader>();
        services.AddScoped<UpdateHandler>();
        services.AddTransient<InlineAnswerResponder>(); // stateless, and taken only by the scope's UpdateHandler
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxProcessor>());
        services.AddHostedService<InboxPruningService>();
        services.AddHostedService<CommandMenuRegistration>();
        if (TelegramOptions.ModeIn(configuration) == TelegramMode.Webhook)
        {
            services.AddSingleton<WebhookReceiver>();
            services.AddHostedService<WebhookRegistration>();
        }
        else
        {
            services.AddHostedService<PollingService>();
        }

        return services;
    }
}
