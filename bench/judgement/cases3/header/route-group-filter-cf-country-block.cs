// A route group filter blocks sanctioned networks by the CF-Connecting-IP header, with no check that the request really came through Cloudflare: anyone hitting the origin picks their address. CIP0002.
using System.Net;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var blocked = new[] { System.Net.IPNetwork.Parse("203.0.113.0/24") };

var api = app.MapGroup("/api");
api.AddEndpointFilter(async (invocation, next) =>
{
    var raw = {|CIP0002:invocation.HttpContext.Request.Headers["CF-Connecting-IP"]|}.ToString();
    if (IPAddress.TryParse(raw, out var visitor) && blocked.Any(n => n.Contains(visitor)))
    {
        return Results.Problem("Service unavailable in your region", statusCode: 451);
    }
    return await next(invocation);
});
api.MapGet("/catalog", () => new[] { "a", "b" });

app.Run();
