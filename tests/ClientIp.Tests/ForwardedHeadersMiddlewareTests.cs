using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>The environment variable is process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

/// <summary>
/// Issue #13 item 2: ForwardedHeadersMiddleware (FHM) ran before the resolver, added by
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (with cleared trust lists, so it trusts every peer) or by UseForwardedHeaders().
/// With AddClientIp the resolver reads the request before FHM; without it, FHM's rewrite is detected and never conclusive.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class ForwardedHeadersMiddlewareTests
{
    private const string Variable = "ASPNETCORE_FORWARDEDHEADERS_ENABLED";
    private const string Attacker = "198.51.100.9";

    [Fact]
    public async Task WithTheVariableSetAddClientIpResolvesFromTheConnectionAsItArrived()
    {
        // The issue's repro: the attacker connects directly and sends X-Forwarded-For: 6.6.6.6, 127.0.0.1.
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(builder => builder.Services.AddClientIp(), useClientIp: true, logs, variable: true);

        var seen = await SendAsync(app, Attacker, "6.6.6.6, 127.0.0.1");

        // FHM did run (it left X-Original-For), yet the answer is the attacker's own address, applied by UseClientIp.
        Assert.Equal($"client={Attacker} status=UntrustedPeerSentHeaders conclusive=True remote={Attacker} original-for={Attacker}:40000", seen);
        Assert.Contains(logs.Entries, e => e.Id.Name == "ForwardedHeadersEnabledByVariable" && e.Message.Contains(Variable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTheVariableSetATrustedProxyStillWorks()
    {
        await using var app = await StartAsync(builder => builder.Services.AddClientIp(), useClientIp: true, new CapturingLoggerProvider(), variable: true);

        var seen = await SendAsync(app, "127.0.0.1", "6.6.6.6, 203.0.113.7");

        Assert.StartsWith("client=203.0.113.7 status=ForwardedHeader conclusive=True remote=203.0.113.7 ", seen);
    }

    [Fact]
    public async Task WithTheVariableSetUseClientIpWithoutAddClientIpRefusesToStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => StartAsync(_ => { }, useClientIp: true, new CapturingLoggerProvider(), variable: true));

        Assert.Contains(Variable, error.Message);
        Assert.Contains("AddClientIp()", error.Message);
    }

    [Fact]
    public async Task WithTheVariableSetGetClientIpAddressWithoutAddClientIpIsNeverConclusive()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(_ => { }, useClientIp: false, logs, variable: true);

        var seen = await SendAsync(app, Attacker, "6.6.6.6, 127.0.0.1");

        // FHM answered 127.0.0.1 (the rightmost entry); that is reported as what it is, not as a header answer.
        Assert.StartsWith("client=127.0.0.1 status=ForwardedHeadersMiddlewareRan conclusive=False ", seen);
        var warning = Assert.Single(logs.Entries, e => e.Id.Name == "ForwardedHeadersMiddlewareRan");
        Assert.Contains(Variable, warning.Message);
        Assert.Contains($"X-Original-For: {Attacker}:40000", warning.Message);
    }

    [Fact]
    public async Task UseForwardedHeadersWithClearedListsBeforeUseClientIp()
    {
        await using var app = await StartAsync(
            builder => builder.Services.AddClientIp(),
            useClientIp: true,
            new CapturingLoggerProvider(),
            variable: false,
            pipeline: app =>
            {
                var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                app.UseForwardedHeaders(options);
            });

        var seen = await SendAsync(app, Attacker, "6.6.6.6, 127.0.0.1");

        Assert.Equal($"client={Attacker} status=UntrustedPeerSentHeaders conclusive=True remote={Attacker} original-for={Attacker}:40000", seen);
    }

    [Fact]
    public async Task FhmWithSafeDefaultsFirstWithoutAddClientIpDoesNotAskToTrustTheClient()
    {
        // nginx on loopback; FHM (KnownProxies ::1, KnownNetworks 127/8, ForwardLimit 1) consumes the rightmost entry, so
        // the resolver would see the real client 203.0.113.7 as an untrusted peer sending "X-Forwarded-For: 1.1.1.1".
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(
            _ => { },
            useClientIp: true,
            logs,
            variable: false,
            pipeline: app => app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor }));

        var seen = await SendAsync(app, "127.0.0.1", "1.1.1.1, 203.0.113.7");

        Assert.StartsWith("client=203.0.113.7 status=ForwardedHeadersMiddlewareRan conclusive=False remote=203.0.113.7 ", seen);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("add it", StringComparison.Ordinal) && e.Message.Contains("203.0.113.7", StringComparison.Ordinal));
        Assert.Single(logs.Entries, e => e.Id.Name == "ForwardedHeadersMiddlewareRan");
    }

    [Fact]
    public async Task FhmWithSafeDefaultsFirstWithAddClientIpResolvesNormally()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(
            builder => builder.Services.AddClientIp(),
            useClientIp: true,
            logs,
            variable: false,
            pipeline: app => app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor }));

        var seen = await SendAsync(app, "127.0.0.1", "1.1.1.1, 203.0.113.7");

        Assert.StartsWith("client=203.0.113.7 status=ForwardedHeader conclusive=True remote=203.0.113.7 ", seen);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    private static async Task<WebApplication> StartAsync(
        Action<WebApplicationBuilder> configure, bool useClientIp, CapturingLoggerProvider logs, bool variable, Action<WebApplication>? pipeline = null)
    {
        Environment.SetEnvironmentVariable(Variable, variable ? "true" : null);
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders().AddProvider(logs);
            configure(builder);
            var app = builder.Build();
            pipeline?.Invoke(app);
            if (useClientIp)
            {
                app.UseClientIp();
            }

            app.Run(context =>
            {
                var result = context.GetClientIpResult();
                return context.Response.WriteAsync(
                    $"client={result.Address} status={result.Status} conclusive={result.IsConclusive} "
                    + $"remote={context.Connection.RemoteIpAddress} original-for={context.Request.Headers["X-Original-For"]}");
            });
            await app.StartAsync();
            return app;
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    private static async Task<string> SendAsync(WebApplication app, string peer, string forwardedFor)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Connection.RemotePort = 40000;
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
