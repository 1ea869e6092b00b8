// A blocking middleware registered before UseForwardedHeaders sees nginx, not the client.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var blocked = new HashSet<IPAddress> { IPAddress.Parse("203.0.113.9") };
app.Use(async (context, next) =>
{
    if ({|CIP0001#a:context.Connection.RemoteIpAddress|} is { } ip && blocked.Contains(ip))
    {
        context.Response.StatusCode = 403;
        return;
    }

    await next(context);
});
app.{|CIP0005#a:UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor })|};
app.MapGet("/", () => "ok");
app.Run();
