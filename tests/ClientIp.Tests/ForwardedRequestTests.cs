using System;
using System.IO;
using System.Linq;
using System.Net;
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
/// Issue #14 item 1: scheme, host and path base taken only from positions trusted proxies wrote, validated, applied by
/// UseClientIp with the originals kept in the feature. Each row: options, peer, headers -> what the endpoint sees.
/// </summary>
public sealed class ForwardedRequestTests
{
    private static readonly Action<ClientIpOptions> All = o =>
    {
        o.UseForwardedProto = true;
        o.UseForwardedHost = true;
        o.UseForwardedPrefix = true;
        o.AllowedHosts.Add("example.com");
        o.AllowedHosts.Add("*.example.net");
    };

    public static TheoryData<string, string, string[], string> Rows => new()
    {
        // name, peer, headers (Name: value), expected "scheme host pathbase"
        { "nginx on loopback sends X-Forwarded-Proto https", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https"], "https app.local " },
        { "a trusted proxy without X-Forwarded-For still reports its client's scheme", "127.0.0.1", ["X-Forwarded-Proto: https"], "https app.local " },
        { "an untrusted peer's X-Forwarded-Proto is ignored", "203.0.113.9", ["X-Forwarded-For: 1.2.3.4", "X-Forwarded-Proto: https"], "http app.local " },
        { "an untrusted peer's headers are ignored even without X-Forwarded-For", "203.0.113.9", ["X-Forwarded-Proto: https", "X-Forwarded-Host: example.com"], "http app.local " },
        { "scheme other than http/https is ignored", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: javascript"], "http app.local " },
        { "scheme is case-insensitive and normalised", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: HTTPS"], "https app.local " },
        { "two proxies append: the entry at the client's position", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7, 127.0.0.2", "X-Forwarded-Proto: https, http"], "https app.local " },
        { "a client-written proto further left is never reached", "127.0.0.1", ["X-Forwarded-For: 6.6.6.6, 203.0.113.7, 127.0.0.2", "X-Forwarded-Proto: http, https, http"], "https app.local " },
        { "fewer entries than hops: the leftmost, written by a trusted proxy", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7, 127.0.0.2", "X-Forwarded-Proto: https"], "https app.local " },
        { "a fallback applies nothing", "127.0.0.1", ["X-Forwarded-For: bogus", "X-Forwarded-Proto: https"], "http app.local " },
        { "allowed host", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: example.com"], "http example.com " },
        { "allowed host with a port", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: EXAMPLE.com:8443"], "http EXAMPLE.com:8443 " },
        { "wildcard host", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: shop.example.net"], "http shop.example.net " },
        { "the wildcard does not match the apex", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: example.net"], "http app.local " },
        { "a host that is not allowed", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: evil.com"], "http app.local " },
        { "a suffix trick is not a subdomain", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: evilexample.net"], "http app.local " },
        { "a host with a path", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: example.com/x"], "http app.local " },
        { "a host with userinfo", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: a@example.com"], "http app.local " },
        { "a host with a bad port", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: example.com:99999"], "http app.local " },
        { "prefix", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /shop"], "http app.local /shop" },
        { "prefix with a trailing slash", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /shop/"], "http app.local /shop" },
        { "prefix percent-encoded", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /a%20b"], "http app.local /a%20b" },
        { "prefix with a scheme", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: http://evil.com/"], "http app.local " },
        { "protocol-relative prefix", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: //evil.com"], "http app.local " },
        { "prefix with ..", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /a/../b"], "http app.local " },
        { "prefix with encoded ..", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /a/%2e%2e/b"], "http app.local " },
        { "prefix with a query", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /a?b=c"], "http app.local " },
        { "prefix with a backslash", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: /a\\b"], "http app.local " },
        { "relative prefix", "127.0.0.1", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-Prefix: shop"], "http app.local " },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Applies(string name, string peer, string[] headers, string expected)
    {
        _ = name;
        await using var app = await StartAsync(All);

        var seen = await SendAsync(app, peer, headers);

        Assert.Equal(expected + $" | original http app.local ", seen);
    }

    [Fact]
    public async Task ForwardedProtoAndHostComeFromTheClientsElement()
    {
        await using var app = await StartAsync(o =>
        {
            All(o);
            o.ForwardedHeader = "Forwarded";
        });

        var seen = await SendAsync(
            app, "127.0.0.1",
            "Forwarded: for=6.6.6.6;proto=http;host=evil.com, for=203.0.113.7;proto=https;host=\"shop.example.net\", for=127.0.0.2;proto=http;host=internal");

        Assert.Equal("https shop.example.net  | original http app.local ", seen);
    }

    [Fact]
    public async Task ForwardedParametersThatAreRepeatedAreIgnored()
    {
        await using var app = await StartAsync(o =>
        {
            All(o);
            o.ForwardedHeader = "Forwarded";
        });

        var seen = await SendAsync(app, "127.0.0.1", "Forwarded: for=203.0.113.7;proto=https;proto=http;host=example.com;host=example.com");

        Assert.Equal("http app.local  | original http app.local ", seen);
    }

    [Fact]
    public async Task NothingIsAppliedWhenTheOptionsAreOff()
    {
        await using var app = await StartAsync(_ => { });

        var seen = await SendAsync(app, "127.0.0.1", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https", "X-Forwarded-Host: example.com", "X-Forwarded-Prefix: /shop");

        Assert.Equal("http app.local  | original http app.local ", seen);
    }

    [Fact]
    public async Task ARejectedValueIsLoggedOncePerHeader()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await StartAsync(All, logs);

        await SendAsync(app, "127.0.0.1", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: evil.com");
        await SendAsync(app, "127.0.0.1", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Host: evil.org");
        await SendAsync(app, "127.0.0.1", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: ftp");

        var warnings = logs.Entries.Where(e => e.Id.Name == "ForwardedValueRejected").Select(e => e.Message).ToList();
        Assert.Collection(
            warnings,
            host => Assert.Contains("Ignored X-Forwarded-Host \"evil.com\" from a trusted proxy: not in ClientIp:AllowedHosts", host),
            proto => Assert.Contains("Ignored X-Forwarded-Proto \"ftp\" from a trusted proxy: only http and https are applied", proto));
    }

    [Fact]
    public void ForwardedHostNeedsAllowedHosts()
    {
        var errors = ClientIpResolver.Validate(new ClientIpOptions { UseForwardedHost = true });

        Assert.Contains(errors, e => e.Contains("ClientIp:UseForwardedHost needs ClientIp:AllowedHosts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("example.com/x")]
    [InlineData("")]
    [InlineData("*.")]
    public void RejectsAllowedHost(string host)
    {
        var options = new ClientIpOptions { UseForwardedHost = true };
        options.AllowedHosts.Add(host);

        Assert.Contains(ClientIpResolver.Validate(options), e => e.Contains($"ClientIp:AllowedHosts entry \"{host}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void BindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new System.Collections.Generic.Dictionary<string, string?>
        {
            ["ClientIp:UseForwardedProto"] = "true",
            ["ClientIp:UseForwardedHost"] = "true",
            ["ClientIp:UseForwardedPrefix"] = "true",
            ["ClientIp:AllowedHosts:0"] = "example.com",
            ["ClientIp:AllowedHosts:1"] = "*.example.net",
        }).Build();
        var options = new ClientIpOptions();

        ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);

        Assert.True(options.UseForwardedProto && options.UseForwardedHost && options.UseForwardedPrefix);
        Assert.Equal(new[] { "example.com", "*.example.net" }, options.AllowedHosts);
        Assert.Empty(ClientIpResolver.Validate(options));
    }

    private static async Task<WebApplication> StartAsync(Action<ClientIpOptions> configure, CapturingLoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddClientIp(configure);
        var app = builder.Build();
        app.UseClientIp();
        app.Run(context =>
        {
            var request = context.Request;
            var feature = context.Features.Get<IClientIpFeature>()!;
            return context.Response.WriteAsync(
                $"{request.Scheme} {request.Host} {request.PathBase} | original {feature.OriginalScheme} {feature.OriginalHost} {feature.OriginalPathBase}");
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<string> SendAsync(WebApplication app, string peer, params string[] headers)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("app.local");
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            foreach (var header in headers)
            {
                var colon = header.IndexOf(':');
                c.Request.Headers[header[..colon]] = header[(colon + 1)..].Trim();
            }
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
