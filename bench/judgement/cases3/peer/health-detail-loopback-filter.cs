// Detailed health report restricted to loopback callers with a minimal-API endpoint filter; no forwarding is configured, so a same-host reverse proxy makes every internet caller loopback: CIP0001.
using System.Net;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
var app = builder.Build();

app.MapHealthChecks("/healthz");

app.MapGet("/healthz/detail", () => Results.Ok(new { gc = GC.GetTotalMemory(false), threads = ThreadPool.ThreadCount }))
    .AddEndpointFilter(async (invocation, next) =>
    {
        var remote = {|CIP0001:invocation.HttpContext.Connection.RemoteIpAddress|};
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(invocation);
    });

app.Run();
