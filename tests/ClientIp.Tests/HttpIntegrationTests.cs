using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>
/// AddClientIp / UseClientIp / GetClientIpAddress in a real (in-memory) ASP.NET Core pipeline. The endpoint reports what
/// application code would see: GetClientIpAddress(), Connection.RemoteIpAddress/RemotePort and the original peer.
/// </summary>
public sealed class HttpIntegrationTests
{
    private const string ArticleSettings = """
        {
          "ClientIp": {
            "TrustedProxies": [ "192.168.0.10", "192.168.0.20" ],
            "ForwardedHeader": "X-Forwarded-For"
          }
        }
        """;

    [Fact]
    public async Task ArticleChainFromAppSettings()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(ArticleSettings)));
                builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
            },
            useMiddleware: true);

        var seen = await SendAsync(app, "192.168.0.20", 40000, "1.1.1.1, 158.101.20.95:5555, 192.168.0.10");

        Assert.Equal("client=158.101.20.95 remote=158.101.20.95:5555 original=192.168.0.20:40000 status=ForwardedHeader", seen);
    }

    [Fact]
    public async Task UntrustedPeerIsLeftAlone()
    {
        await using var app = await StartAsync(builder => builder.Services.AddClientIp(), useMiddleware: true);

        var seen = await SendAsync(app, "203.0.113.9", 40000, "127.0.0.1");

        Assert.Equal("client=203.0.113.9 remote=203.0.113.9:40000 original=203.0.113.9:40000 status=UntrustedPeerSentHeaders", seen);
    }

    [Fact]
    public async Task MiddlewareWithoutAddClientIpUsesTheDefaults()
    {
        await using var app = await StartAsync(_ => { }, useMiddleware: true);

        var seen = await SendAsync(app, "127.0.0.1", 40000, "203.0.113.7");

        Assert.Equal("client=203.0.113.7 remote=203.0.113.7:0 original=127.0.0.1:40000 status=ForwardedHeader", seen);
    }

    [Fact]
    public async Task GetClientIpAddressWithoutAnyRegistrationUsesTheDefaults()
    {
        await using var app = await StartAsync(_ => { }, useMiddleware: false);

        var fromLoopback = await SendAsync(app, "127.0.0.1", 40000, "203.0.113.7");
        var forged = await SendAsync(app, "203.0.113.9", 40000, "127.0.0.1");

        Assert.Equal("client=203.0.113.7 remote=127.0.0.1:40000 original=127.0.0.1:40000 status=ForwardedHeader", fromLoopback);
        Assert.Equal("client=203.0.113.9 remote=203.0.113.9:40000 original=203.0.113.9:40000 status=UntrustedPeerSentHeaders", forged);
    }

    [Fact]
    public async Task DelegateRunsAfterConfiguration()
    {
        await using var app = await StartAsync(
            builder =>
            {
                builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(ArticleSettings)));
                builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), o => o.ForwardedHeader = "X-Real-IP");
            },
            useMiddleware: true);

        var seen = await SendAsync(app, "192.168.0.20", 40000, "192.168.0.10", header: "X-Real-IP");

        Assert.Equal("client=192.168.0.10 remote=192.168.0.10:0 original=192.168.0.20:40000 status=ForwardedHeader", seen);
    }

    [Fact]
    public async Task ResolvesOncePerRequestAndKeepsTheMiddlewaresAnswer()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddClientIp(),
            useMiddleware: true,
            endpoint: context =>
            {
                var first = context.GetClientIpAddress();
                var feature = context.Features.Get<IClientIpFeature>();

                // Changing the inputs after resolution must not change the answer: it is not computed again.
                context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                var second = context.GetClientIpAddress();
                var sameFeature = ReferenceEquals(feature, context.Features.Get<IClientIpFeature>());
                return $"{first} {second} {sameFeature}";
            });

        var seen = await SendAsync(app, "127.0.0.1", 40000, "203.0.113.7");

        Assert.Equal("203.0.113.7 203.0.113.7 True", seen);
    }

    [Fact]
    public async Task ResolvesOncePerRequestWithoutTheMiddleware()
    {
        await using var app = await StartAsync(
            _ => { },
            useMiddleware: false,
            endpoint: context =>
            {
                var first = context.GetClientIpAddress();
                context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
                return $"{first} {context.GetClientIpAddress()} {context.GetClientIpResult().Status}";
            });

        var seen = await SendAsync(app, "127.0.0.1", 40000, "203.0.113.7");

        Assert.Equal("203.0.113.7 203.0.113.7 ForwardedHeader", seen);
    }

    [Fact]
    public async Task InvalidConfigurationFailsAtStartupNamingTheEntry()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(
            builder => builder.Services.AddClientIp(o => o.TrustedProxies.Add("10.0.0.1/8")),
            useMiddleware: false));

        Assert.Contains("\"10.0.0.1/8\"", error.Message);
        Assert.Contains("did you mean 10.0.0.0/8", error.Message);
    }

    [Fact]
    public async Task UntrustedPeerWithHeadersIsLoggedOnceThenRateLimited()
    {
        var logs = new CapturingLoggerProvider();
        var clock = new ManualTimeProvider();
        await using var app = await StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddClientIp();
            },
            useMiddleware: true);

        await SendAsync(app, "10.1.2.3", 1, "203.0.113.7");
        await SendAsync(app, "10.1.2.4", 1, "203.0.113.7");
        await SendAsync(app, "10.1.2.5", 1, "203.0.113.7");
        await SendAsync(app, "10.1.2.6", 1, null); // no header: nothing to warn about
        clock.Advance(TimeSpan.FromMinutes(11));
        await SendAsync(app, "10.1.2.7", 1, "203.0.113.7");

        var warnings = logs.Entries.Where(e => e.Category == "ClientIp" && e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Collection(
            warnings,
            first =>
            {
                Assert.Contains("X-Forwarded-For", first);
                Assert.Contains("10.1.2.3", first);
                Assert.Contains("ClientIp:TrustedProxies", first);
            },
            second =>
            {
                Assert.Contains("10.1.2.7", second);
                Assert.Contains("2 more such requests", second);
            });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // only GetClientIpAddress(): nothing else would build the services before the first request
    public async Task TrustingEveryPeerIsLoggedOnceWhenTheHostStarts(bool useMiddleware)
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddClientIp(o => o.UnsafeTrustEveryPeer = true);
            },
            useMiddleware);

        // No request has been sent yet.
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Id.Name == "UnsafeTrustEveryPeer");

        await SendAsync(app, "203.0.113.7", 1, "198.51.100.4");
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Id.Name == "UnsafeTrustEveryPeer");
    }

    [Fact]
    public async Task MiddlewareUnmapsAnIPv4MappedPeer()
    {
        await using var app = await StartAsync(builder => builder.Services.AddClientIp(), useMiddleware: true);

        var seen = await SendAsync(app, "::ffff:203.0.113.9", 40000, null);

        Assert.Equal("client=203.0.113.9 remote=203.0.113.9:40000 original=::ffff:203.0.113.9:40000 status=RemoteAddress", seen);
    }

    [Fact]
    public async Task MiddlewareFallsBackToTheNearestVerifiedProxy()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddClientIp(o => o.TrustedProxies.Add("192.168.0.0/24")),
            useMiddleware: true);

        var seen = await SendAsync(app, "192.168.0.20", 40000, "158.101.20.95, 127.1, 192.168.0.10");

        Assert.Equal("client=192.168.0.10 remote=192.168.0.10:0 original=192.168.0.20:40000 status=InvalidEntry", seen);
    }

    [Fact]
    public async Task RequestWithoutIpPeerGetsNoAddress()
    {
        await using var app = await StartAsync(builder => builder.Services.AddClientIp(), useMiddleware: true);

        var seen = await SendAsync(app, null, 0, "203.0.113.7");

        Assert.Equal("client= remote=:0 original=:0 status=NoRemoteAddress", seen);
    }

    private static async Task<WebApplication> StartAsync(
        Action<WebApplicationBuilder> configure, bool useMiddleware, Func<HttpContext, string>? endpoint = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        if (useMiddleware)
        {
            app.UseClientIp();
        }

        app.Run(context => context.Response.WriteAsync((endpoint ?? Describe)(context)));
        await app.StartAsync();
        return app;
    }

    private static string Describe(HttpContext context)
    {
        var client = context.GetClientIpAddress();
        var feature = context.Features.Get<IClientIpFeature>()!;
        var connection = context.Connection;
        return $"client={client} remote={connection.RemoteIpAddress}:{connection.RemotePort} "
            + $"original={feature.OriginalRemoteIpAddress}:{feature.OriginalRemotePort} status={feature.Result.Status}";
    }

    private static async Task<string> SendAsync(WebApplication app, string? peer, int port, string? forwardedFor, string header = "X-Forwarded-For")
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Path = "/";
            c.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
            c.Connection.RemotePort = port;
            if (forwardedFor is not null)
            {
                c.Request.Headers[header] = forwardedFor;
            }
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
