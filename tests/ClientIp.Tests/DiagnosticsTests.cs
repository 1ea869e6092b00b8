using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClientIp.Tests;

/// <summary>
/// Issue #13 item 8: misconfigurations that put every user on one address are logged, rate-limited per cause and per
/// header, with advice that does not make things worse. Item 6: configuration mistakes fail clearly.
/// </summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task ATrustedProxyThatSendsOnlyXRealIpIsReported()
    {
        // The common nginx snippet "proxy_set_header X-Real-IP $remote_addr;" with the default options.
        var (app, logs, _) = await StartAsync(services => services.AddClientIp());
        await using var _app = app;

        var seen = await SendAsync(app, "127.0.0.1", ("X-Real-IP", "203.0.113.7"));
        await SendAsync(app, "127.0.0.1", ("X-Real-IP", "203.0.113.8"));

        Assert.Equal("127.0.0.1 RemoteAddress False", seen);
        var warning = Assert.Single(Warnings(logs));
        Assert.Equal("TrustedPeerSentOtherHeader", warning.Id.Name);
        Assert.Contains("127.0.0.1 is a trusted proxy but sent no X-Forwarded-For header; it sent X-Real-IP", warning.Message);
        Assert.Contains("Set ClientIp:ForwardedHeader to X-Real-IP only if that proxy overwrites X-Real-IP on every request", warning.Message);
    }

    [Fact]
    public async Task ATrustedProxyThatSendsForwardedIsToldToConfigureIt()
    {
        var (app, logs, _) = await StartAsync(services => services.AddClientIp());
        await using var _app = app;

        await SendAsync(app, "127.0.0.1", ("Forwarded", "for=203.0.113.7"));

        var warning = Assert.Single(Warnings(logs));
        Assert.Contains("it sent Forwarded", warning.Message);
        Assert.Contains("Set ClientIp:ForwardedHeader to Forwarded.", warning.Message);
    }

    [Fact]
    public async Task ATrustedProxyMakingItsOwnRequestIsNotReported()
    {
        var (app, logs, _) = await StartAsync(services => services.AddClientIp());
        await using var _app = app;

        Assert.Equal("127.0.0.1 RemoteAddress False", await SendAsync(app, "127.0.0.1"));
        Assert.Empty(Warnings(logs));
    }

    [Fact]
    public async Task AWalkThatKeepsEndingOnAPrivateAddressNamesIt()
    {
        // The chain's first proxy (10.0.0.2) is missing from TrustedProxies: every client resolves to it.
        var (app, logs, clock) = await StartAsync(services => services.AddClientIp(o => { o.TrustedProxies.Clear(); o.TrustedProxies.Add("10.0.0.3"); }));
        await using var _app = app;

        var seen = await SendAsync(app, "10.0.0.3", ("X-Forwarded-For", "203.0.113.7, 10.0.0.2"));
        await SendAsync(app, "10.0.0.3", ("X-Forwarded-For", "203.0.113.8, 10.0.0.2"));
        clock.Advance(TimeSpan.FromMinutes(11));
        await SendAsync(app, "10.0.0.3", ("X-Forwarded-For", "203.0.113.9, 10.0.0.2"));

        Assert.Equal("10.0.0.2 ForwardedHeader False", seen);
        Assert.Collection(
            Warnings(logs),
            first =>
            {
                Assert.Equal("WalkEndedOnLocalAddress", first.Id.Name);
                Assert.Contains("The X-Forwarded-For walk ended at 10.0.0.2, a loopback or private address", first.Message);
                Assert.Contains("add it (or its network) to ClientIp:TrustedProxies", first.Message);
            },
            second => Assert.Contains("1 more such requests", second.Message));
    }

    [Fact]
    public async Task AStrayClientDoesNotHideTheMissingProxy()
    {
        // One budget per cause: a public client's forged header first, then the real problem, an untrusted ingress.
        var (app, logs, _) = await StartAsync(services => services.AddClientIp());
        await using var _app = app;

        await SendAsync(app, "203.0.113.50", ("X-Forwarded-For", "1.2.3.4"));
        await SendAsync(app, "203.0.113.51", ("X-Forwarded-For", "1.2.3.4"));
        await SendAsync(app, "10.244.1.7", ("X-Forwarded-For", "203.0.113.7"));

        Assert.Collection(
            Warnings(logs),
            client =>
            {
                Assert.Contains("Ignored the X-Forwarded-For sent by 203.0.113.50, which is not a trusted proxy", client.Message);
                Assert.Contains("A client that connects directly can send anything", client.Message);
            },
            proxy =>
            {
                Assert.Contains("Ignored the X-Forwarded-For sent by 10.244.1.7", proxy.Message);
                Assert.Contains("If 10.244.1.7 is your reverse proxy, load balancer or ingress, add it", proxy.Message);
            });
    }

    [Fact]
    public async Task AnUntrustedProxyIsReportedForEveryForwardingHeaderItSends()
    {
        var (app, logs, _) = await StartAsync(services => services.AddClientIp());
        await using var _app = app;

        await SendAsync(app, "10.244.1.7", ("X-Forwarded-For", "203.0.113.7"));
        await SendAsync(app, "10.244.1.8", ("X-Forwarded-For", "203.0.113.7"), ("X-Real-IP", "203.0.113.7"));

        Assert.Collection(
            Warnings(logs),
            first => Assert.Contains("Ignored the X-Forwarded-For sent by 10.244.1.7", first.Message),
            second => Assert.Contains("Ignored the X-Real-IP header (ClientIp reads X-Forwarded-For, not X-Real-IP) sent by 10.244.1.8", second.Message));
    }

    [Fact]
    public async Task TheCloudflareRecipeBehindYourOwnNginxIsNotToldToTrustNginx()
    {
        // CF-Connecting-IP with Cloudflare's ranges, but the app's own nginx in front: trusting nginx would let any
        // client that reaches nginx choose its address. The advice points at X-Forwarded-For and the CDN's ranges.
        var (app, logs, _) = await StartAsync(services => services.AddClientIp(o =>
        {
            o.ForwardedHeader = "CF-Connecting-IP";
            o.TrustedProxies.Clear();
            o.TrustedProxies.Add("173.245.48.0/20");
        }));
        await using var _app = app;

        await SendAsync(app, "127.0.0.1", ("CF-Connecting-IP", "203.0.113.7"));

        var warning = Assert.Single(Warnings(logs));
        Assert.Contains("trust 127.0.0.1 only if it is the CDN or load balancer edge itself, or a proxy that overwrites CF-Connecting-IP", warning.Message);
        Assert.Contains("set ClientIp:ForwardedHeader to X-Forwarded-For and list both your proxy and the CDN's published ranges", warning.Message);
        Assert.DoesNotContain("If 127.0.0.1 is your reverse proxy", warning.Message);
    }

    [Fact]
    public async Task ConfigureWithoutAddClientIpFailsAtStartupWithUseClientIp()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => StartAsync(services => services.Configure<ClientIpOptions>(o => o.ForwardedHeader = "X-Real-IP"), useClientIp: true));

        Assert.Contains("services.Configure<ClientIpOptions>", error.Message);
        Assert.Contains("AddClientIp", error.Message);
    }

    [Fact]
    public async Task ConfigureWithoutAddClientIpFailsClearlyOnGetClientIpAddress()
    {
        var (app, _, _) = await StartAsync(services => services.Configure<ClientIpOptions>(o => o.ForwardedHeader = "X-Real-IP"), useClientIp: false);
        await using var _app = app;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(app, "127.0.0.1", ("X-Real-IP", "203.0.113.7")));

        Assert.Contains("AddClientIp was not called", error.Message);
    }

    [Fact]
    public async Task StartupValidationRunsThroughTheOptionsValidator()
    {
        // The validator reports every problem at once as an OptionsValidationException when the host starts.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(services => services.AddClientIp(o =>
        {
            o.TrustedProxies.Add("10.0.0.1/8");
            o.MaxHops = 0;
        })));

        Assert.Collection(
            error.Failures,
            entry => Assert.Contains("\"10.0.0.1/8\"", entry),
            maxHops => Assert.Contains("ClientIp:MaxHops 0", maxHops));
    }

    private static (string Category, LogLevel Level, EventId Id, string Message)[] Warnings(CapturingLoggerProvider logs) =>
        logs.Entries.Where(e => e.Category == "ClientIp" && e.Level == LogLevel.Warning).ToArray();

    private static async Task<(WebApplication App, CapturingLoggerProvider Logs, ManualTimeProvider Clock)> StartAsync(
        Action<IServiceCollection> configure, bool useClientIp = true)
    {
        var logs = new CapturingLoggerProvider();
        var clock = new ManualTimeProvider();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(clock);
        configure(builder.Services);
        var app = builder.Build();
        if (useClientIp)
        {
            app.UseClientIp();
        }

        app.Run(context =>
        {
            var result = context.GetClientIpResult();
            return context.Response.WriteAsync($"{result.Address} {result.Status} {result.IsConclusive}");
        });
        await app.StartAsync();
        return (app, logs, clock);
    }

    private static async Task<string> SendAsync(WebApplication app, string peer, params (string Name, string Value)[] headers)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            foreach (var (name, value) in headers)
            {
                c.Request.Headers[name] = value;
            }
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
