// An IP block-list middleware class is registered before UseForwardedHeaders: it sees the proxy. One diagnostic: the read that runs too early (CIP0001) or the late registration (CIP0005).
// Verdict kept: UseMiddleware<BlockListMiddleware>() runs before forwarding and the class decides on RemoteIpAddress; since the project configures XForwardedFor, CIP0001 is silent, so CIP0005 is the only place this can be caught.
// file: Program.cs
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    o.KnownProxies.Add(System.Net.IPAddress.Parse("10.0.0.2"));
});

var app = builder.Build();
app.UseMiddleware<BlockListMiddleware>();
app.{|CIP0005#a:UseForwardedHeaders()|};
app.MapGet("/", () => "ok");
app.Run();
// file: BlockListMiddleware.cs
using System.Net;

public sealed class BlockListMiddleware
{
    private static readonly HashSet<string> Blocked = new() { "192.0.2.66", "192.0.2.67" };
    private readonly RequestDelegate _next;

    public BlockListMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var remote = {|CIP0001#a:context.Connection.RemoteIpAddress|}?.ToString();
        if (remote is not null && Blocked.Contains(remote))
        {
            context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
            return;
        }

        await _next(context);
    }
}
