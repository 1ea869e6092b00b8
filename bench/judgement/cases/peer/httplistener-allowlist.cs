// A small HttpListener control server that serves trusted addresses only.
using System.Net;

public sealed class ControlServer
{
    private readonly HashSet<IPAddress> _trusted = new() { IPAddress.Parse("10.1.1.10") };

    public async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            var ctx = await listener.GetContextAsync();
            var caller = {|CIP0001:ctx.Request.RemoteEndPoint|}.Address;
            ctx.Response.StatusCode = _trusted.Contains(caller) ? 200 : 403;
            ctx.Response.Close();
        }
    }
}
