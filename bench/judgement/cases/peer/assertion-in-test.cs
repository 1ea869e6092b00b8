// A unit test of a middleware: the peer only reaches an assertion.
using System.Net;
using Xunit;

public class PeerTests
{
    public void PeerIsKept()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        Assert.Equal("10.0.0.1", context.Connection.RemoteIpAddress?.ToString());
    }
}
