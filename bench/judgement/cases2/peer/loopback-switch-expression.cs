// A metrics endpoint is "internal only" through a switch on the peer: behind a reverse proxy on the same host every request is loopback. CIP0001.
using System.Net;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/internal/metrics", (HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|} switch
{
    null => Results.BadRequest(),
    var address when IPAddress.IsLoopback(address) => Results.Text("requests_total 42\n"),
    _ => Results.NotFound(),
});

app.Run();
