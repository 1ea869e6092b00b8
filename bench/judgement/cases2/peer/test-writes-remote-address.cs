// A unit test fakes the peer by writing Connection.RemoteIpAddress and checks the resolver's answer: writes only. Quiet.
using System.Net;
using ClientIp;
using Xunit;

public class ClientAddressTests
{
    public void Loopback_proxy_header_is_honoured()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Connection.RemotePort = 51234;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.GetClientIpAddress());
    }

    public void Direct_client_header_is_ignored()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.4");
        context.Request.Headers.Append("X-Forwarded-For", "203.0.113.7");

        Assert.Equal(IPAddress.Parse("198.51.100.4"), context.GetClientIpAddress());
    }
}
