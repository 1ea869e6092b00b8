// The app applies forwarded headers first, so RemoteIpAddress is the client for everything after it.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
});

var app = builder.Build();
app.UseForwardedHeaders();
app.MapGet("/whoami", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString());
app.MapGet("/limited", (HttpContext context) =>
    context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? Results.Ok() : Results.Forbid());
app.Run();
