using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanBot.Presentation.Bot.Tests.Fakes;

/// <summary>Starts a minimal Kestrel app on an ephemeral 127.0.0.1 port and reports the address it bound.</summary>
internal static class LoopbackHost
{
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(
        RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The fake shares a process with the bot under test: keep its appsettings and env vars
        // (Kestrel endpoints, URLs, logging) from leaking into the fake.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(handler);
        await app.StartAsync(cancellationToken);

        // Port 0 means "any free port"; the server feature holds the one actually bound.
        var addresses = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses;
        return (app, addresses.First().TrimEnd('/'));
    }
}
