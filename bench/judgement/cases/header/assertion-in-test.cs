// A test of a proxy helper: the header only reaches assertions.
using Xunit;

public class ForwardingTests
{
    public void AppendsThePeer()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.1, 10.0.0.1";
        Assert.Equal("203.0.113.1, 10.0.0.1", context.Request.Headers["X-Forwarded-For"].ToString());
        Assert.NotEmpty(context.Request.Headers["X-Real-IP"].ToString() + "x");
    }
}
