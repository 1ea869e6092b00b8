// Endpoints are mapped before UseForwardedHeaders on a WebApplication; they still run at the end of the pipeline, after forwarding, so the peer read is the client. Quiet.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var admins = new[] { IPAddress.Parse("198.51.100.10") };
app.MapGet("/admin", (HttpContext ctx) =>
    admins.Contains(ctx.Connection.RemoteIpAddress) ? Results.Ok("welcome") : Results.Forbid());

app.UseForwardedHeaders(new ForwardedHeadersOptions
{
    ForwardedHeaders = ForwardedHeaders.XForwardedFor,
    KnownProxies = { IPAddress.Parse("10.0.0.3") },
});
app.Run();
