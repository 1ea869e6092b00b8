using ClientIp;

namespace ClientIp.Tests;

public class ClientIpOptionsTests
{
    [Fact]
    public void DefaultsTrustOnlyLoopbackAndReadXForwardedFor()
    {
        var options = new ClientIpOptions();

        Assert.Equal(new[] { "127.0.0.0/8", "::1" }, options.TrustedProxies);
        Assert.Equal("X-Forwarded-For", options.ForwardedHeader);
        Assert.Null(options.TrustedHopCount);
    }
}
