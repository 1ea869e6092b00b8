// The project's own ban-list middleware (reads RemoteIpAddress) is registered before UseForwardedHeaders, so it bans or admits the proxy, not the client. CIP0005 (at the forwarding call, or at the early read).
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<BanList>();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/24"));
});

var app = builder.Build();
app.UseMiddleware<BanListMiddleware>();
{|CIP0005#a:app.UseForwardedHeaders()|};
app.MapGet("/", () => "ok");
app.Run();

public sealed class BanList
{
    private readonly HashSet<IPAddress> _banned = new() { IPAddress.Parse("192.0.2.66") };
    public bool Contains(IPAddress address) => _banned.Contains(address);
}

public sealed class BanListMiddleware(RequestDelegate next, BanList bans)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if ({|CIP0005#a:context.Connection.RemoteIpAddress|} is { } ip && bans.Contains(ip))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next(context);
    }
}
