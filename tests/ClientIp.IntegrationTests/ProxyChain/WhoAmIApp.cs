using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>What <see cref="WhoAmIApp"/> answers: the resolved client, and the raw inputs for diagnostics.</summary>
/// <param name="Client">`HttpContext.GetClientIpAddress()`.</param>
/// <param name="RemoteIpAddress">`Connection.RemoteIpAddress` after `UseClientIp()` rewrote it.</param>
/// <param name="Peer">The TCP peer, recorded before `UseClientIp()`.</param>
/// <param name="Why">The resolver's full result.</param>
/// <param name="XForwardedFor">The headers as they arrived (every line, joined).</param>
public sealed record WhoAmIAnswer(
    string? Client,
    string? RemoteIpAddress,
    string? Peer,
    string Why,
    string XForwardedFor,
    string XRealIp,
    string Forwarded,
    string Scheme);

/// <summary>
/// The app behind the chain: Kestrel in this process, the resolver configured from an appsettings file beside this
/// class (AddClientIp + UseClientIp, as the README shows), and one endpoint, /whoami.
/// </summary>
public sealed class WhoAmIApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> logLines;

    private WhoAmIApp(WebApplication app, ConcurrentQueue<string> logLines)
    {
        this.app = app;
        this.logLines = logLines;
    }

    /// <summary>The app's log (the resolver warns there about untrusted peers that send forwarding headers).</summary>
    public string Log => string.Join(Environment.NewLine, logLines);

    /// <summary>Starts the app on <paramref name="endPoint"/> with ProxyChain/<paramref name="appsettingsFile"/> as its only configuration.</summary>
    /// <param name="httpsRedirection">Also UseHttpsRedirection() after UseClientIp(), redirecting to port 443.</param>
    public static async Task<WhoAmIApp> StartAsync(IPEndPoint endPoint, string appsettingsFile, bool httpsRedirection = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "ProxyChain"),
            EnvironmentName = "Production",
        });

        // Only the appsettings file under test: no environment variable or stray file may change the trusted proxies.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(appsettingsFile, optional: false);
        var logLines = new ConcurrentQueue<string>();
        builder.Logging.ClearProviders().AddProvider(new QueueLoggerProvider(logLines));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endPoint));

        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
        if (httpsRedirection)
        {
            builder.Services.AddHttpsRedirection(options => options.HttpsPort = 443);
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Items[PeerKey] = context.Connection.RemoteIpAddress;
            return next(context);
        });
        app.UseClientIp();
        if (httpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        app.MapGet("/whoami", (HttpContext context) => new WhoAmIAnswer(
            context.GetClientIpAddress()?.ToString(),
            context.Connection.RemoteIpAddress?.ToString(),
            (context.Items[PeerKey] as IPAddress)?.ToString(),
            context.GetClientIpResult().ToString(),
            context.Request.Headers["X-Forwarded-For"].ToString(),
            context.Request.Headers["X-Real-IP"].ToString(),
            context.Request.Headers["Forwarded"].ToString(),
            context.Request.Scheme));

        await app.StartAsync();
        return new WhoAmIApp(app, logLines);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TimeSpan.FromSeconds(5));
        await app.DisposeAsync();
    }

    private const string PeerKey = "whoami.peer";

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
