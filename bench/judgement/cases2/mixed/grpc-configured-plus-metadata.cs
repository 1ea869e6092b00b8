// A gRPC app configures forwarded headers (XForwardedFor, known proxy) so its GetHttpContext() peer read is the client; but a second method trusts x-real-ip from the call metadata. Only CIP0002.
// Verdict kept: x-real-ip in the call metadata is a request header any caller sets; ForwardedHeadersMiddleware does not touch it, so configuring forwarded headers does not make it safe.
// file: Program.cs
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpc();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    o.KnownProxies.Add(IPAddress.Parse("10.3.0.1"));
});

var app = builder.Build();
app.UseForwardedHeaders();
app.Run();
// file: TelemetryService.cs
using Grpc.Core;

public class TelemetryService
{
    private static readonly HashSet<string> Throttled = new();

    public Task<bool> Report(string payload, ServerCallContext context)
    {
        var caller = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "";
        return Task.FromResult(!Throttled.Contains(caller));
    }

    public Task<bool> ReportViaEdge(string payload, ServerCallContext context)
    {
        var edgeClient = {|CIP0002:context.RequestHeaders.GetValue("x-real-ip")|} ?? context.Peer;
        return Task.FromResult(!Throttled.Contains(edgeClient));
    }
}
