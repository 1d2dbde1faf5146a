using System.Net;
using CleanBot.Application.Abstractions.Ai;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanBot.Infrastructure.Ai.Gemini;

public static class GeminiServiceCollectionExtensions
{
    private const string HttpClientName = "Gemini";

    /// <summary>
    /// Registers <see cref="IChatModel"/> as the Gemini adapter, which retries transient failures with a timeout per
    /// attempt (<see cref="GeminiResiliencePipeline"/>), configured from the <c>Gemini</c> section.
    /// </summary>
    public static IServiceCollection AddGeminiChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GeminiOptions>()
            .Bind(configuration.GetSection(GeminiOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.BaseUrl.IsAbsoluteUri, "Gemini:BaseUrl must be an absolute URL.")
            .ValidateOnStart();

        services
            .AddHttpClient(HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the call and its resilience pipeline own every timeout
                client.DefaultRequestVersion = HttpVersion.Version20; // where offered; plain http falls back to 1.1
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            // The adapter logs every failure itself; the factory's request logging would wrap each call in two more
            // handlers and, at the default level, log nothing.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => new ApiKeyHandler(Options(provider).ApiKey)
            {
                InnerHandler = CreateSocketsHandler(),
            })
            // PooledConnectionLifetime already renews connections, so the factory need not rotate handlers.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // One chat model over one client for the process: its handlers are never rotated, so holding the client is
        // safe, and the model's URLs are built once rather than for every answer, as a typed client's would be.
        services.AddSingleton<IChatModel>(provider => new GeminiChatModel(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<GeminiOptions>>(),
            provider.GetRequiredService<ILogger<GeminiChatModel>>()));
        return services;
    }

    private static GeminiOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<GeminiOptions>>().Value;

    private static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // picks up DNS changes
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        KeepAlivePingDelay = TimeSpan.FromSeconds(30), // keeps an HTTP/2 connection alive through a long generation
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        AutomaticDecompression = DecompressionMethods.All,
        // Gemini answers where it is asked. A redirect followed here would carry the API key header to wherever the
        // Location points (only Authorization is dropped on a redirect), and following is one more layer per call.
        AllowAutoRedirect = false,
    };
}
