// Unit test for a middleware that rewrites the peer: it sets RemoteIpAddress on a DefaultHttpContext and asserts on it; writes and assertions decide nothing about a real client. Quiet.
using System.Net;
using Xunit;

public static class PeerRewriteTests
{
    public static async Task Rewrites_peer_to_client()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        RequestDelegate terminal = _ => Task.CompletedTask;
        await terminal(context);

        Assert.NotNull(context.Connection.RemoteIpAddress);
        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
    }
}
