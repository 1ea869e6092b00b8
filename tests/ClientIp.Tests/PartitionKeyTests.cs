using System;
using System.IO;
using System.Net;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>
/// Rate-limit partition keys: IPv4 clients by address, IPv6 clients by network (a subscriber owns a whole /64 and could
/// otherwise rotate through it), and one shared key when there is no address.
/// </summary>
public sealed class PartitionKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", 64, "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 64, "203.0.113.7")] // an IPv4-mapped client is an IPv4 client
    [InlineData("203.0.113.7", 1, "203.0.113.7")] // the prefix applies to IPv6 only
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1::/56")]
    [InlineData("2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1:200::/56")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "2001:db8:1:2:aaaa:bbbb:cccc:dddd/128")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 1, "::/1")]
    [InlineData("fe80::1%2", 64, "fe80::/64")] // a peer's zone is not part of the key
    public void KeyOfAPeer(string peer, int prefix, string expected)
    {
        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Parse(peer), new HeaderDictionary());

        Assert.Equal(expected, result.GetPartitionKey(prefix));
    }

    [Fact]
    public void TheDefaultPrefixIs64()
    {
        var headers = new HeaderDictionary { ["X-Forwarded-For"] = "2001:db8:aa:bb:1:2:3:4" };

        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Loopback, headers);

        Assert.Equal("2001:db8:aa:bb::/64", result.GetPartitionKey());
    }

    [Fact]
    public void NoAddressHasOneSharedKey()
    {
        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(null, new HeaderDictionary { ["X-Forwarded-For"] = "203.0.113.7" });

        Assert.Equal("unknown", result.GetPartitionKey());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(129)]
    public void RejectsAPrefixOutOfRange(int prefix)
    {
        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Loopback, new HeaderDictionary());

        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetPartitionKey(prefix));
    }

    [Fact]
    public void HttpContextKeyUsesTheResolvedClient()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = "2001:db8:1:2::99, 127.0.0.2";

        Assert.Equal("2001:db8:1:2::/64", context.GetClientIpPartitionKey());
        Assert.Equal("2001:db8:1::/48", context.GetClientIpPartitionKey(48));
    }

    [Fact]
    public async Task FixedWindowLimiterPartitionsByResolvedClientAndIPv6Network()
    {
        // The docs' example: one request per window and client; nginx on loopback in front of the app.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddClientIp();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.GetClientIpPartitionKey(),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        await using var app = builder.Build();
        app.UseClientIp();
        app.UseRateLimiter();
        app.Run(context => context.Response.WriteAsync(context.GetClientIpPartitionKey()));
        await app.StartAsync();

        async Task<string> Send(string forwardedFor)
        {
            var context = await app.GetTestServer().SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Loopback;
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            });
            return $"{context.Response.StatusCode} {await new StreamReader(context.Response.Body).ReadToEndAsync()}".TrimEnd();
        }

        Assert.Equal("200 2001:db8:1:2::/64", await Send("2001:db8:1:2::a"));
        Assert.Equal("429", await Send("2001:db8:1:2::b")); // same /64: same subscriber
        Assert.Equal("200 2001:db8:1:3::/64", await Send("2001:db8:1:3::a"));
        Assert.Equal("200 203.0.113.7", await Send("203.0.113.7"));
        Assert.Equal("429", await Send("198.51.100.1, 203.0.113.7")); // a forged leftmost entry does not buy a new partition
        Assert.Equal("200 203.0.113.8", await Send("203.0.113.8"));
    }
}
