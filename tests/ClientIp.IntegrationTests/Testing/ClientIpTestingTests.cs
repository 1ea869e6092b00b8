using System.Net;
using ClientIp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClientIp.IntegrationTests.Testing;

/// <summary>
/// What an application's unit tests meet after the code fix: a DefaultHttpContext has no peer, so headers alone give no
/// client; the ClientIp.Testing helpers give them one, the realistic way (through a local proxy) or directly.
/// </summary>
public sealed class ClientIpTestingTests
{
    [Fact]
    public void A_bare_DefaultHttpContext_with_only_a_header_has_no_client()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        Assert.Null(context.GetClientIpAddress());
        Assert.Equal(ClientIpStatus.NoRemoteAddress, context.GetClientIpResult().Status);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("198.51.100.1, 203.0.113.7", "203.0.113.7")] // the rightmost entry the local proxy did not vouch for
    [InlineData("203.0.113.7, 127.0.0.1", "203.0.113.7")] // a second proxy on loopback is skipped
    public void SetForwardedByLocalProxy_makes_the_resolver_walk_the_header(string forwardedFor, string client)
    {
        var context = new DefaultHttpContext();
        Assert.Null(context.GetClientIpAddress()); // resolved once already: the helper must drop that answer

        context.SetForwardedByLocalProxy(forwardedFor);

        Assert.Equal(IPAddress.Parse(client), context.GetClientIpAddress());
        Assert.Equal(ClientIpStatus.ForwardedHeader, context.GetClientIpResult().Status);
        Assert.Equal(IPAddress.Loopback, context.GetClientIpResult().GetVerifiedProxies()[^1]);
    }

    [Fact]
    public void SetForwardedByLocalProxy_follows_the_options_of_the_requests_services()
    {
        // An app that trusts only its load balancer does not trust the local proxy either: the header is ignored.
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection()
                .AddClientIp(options =>
                {
                    options.TrustedProxies.Clear();
                    options.TrustedProxies.Add("10.0.0.5");
                })
                .BuildServiceProvider(),
        };

        context.SetForwardedByLocalProxy("203.0.113.7");

        Assert.Equal(IPAddress.Loopback, context.GetClientIpAddress());
        Assert.Equal(ClientIpStatus.UntrustedPeerSentHeaders, context.GetClientIpResult().Status);
    }

    [Fact]
    public void SetClientIpAddress_answers_that_address_whatever_the_request_says()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.66";
        Assert.Equal(IPAddress.Parse("10.0.0.5"), context.GetClientIpAddress());

        context.SetClientIpAddress(IPAddress.Parse("203.0.113.7"));

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.GetClientIpAddress());
        Assert.Equal(ClientIpStatus.RemoteAddress, context.GetClientIpResult().Status);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), context.Features.Get<IClientIpFeature>()!.OriginalRemoteIpAddress);

        context.SetClientIpAddress(null);
        Assert.Null(context.GetClientIpAddress());
        Assert.Equal(ClientIpStatus.NoRemoteAddress, context.GetClientIpResult().Status);
    }
}
