// A file-sharing app with the classic client-IP mistakes. Build it to see the CIP diagnostics:
//   dotnet build samples/ClientIp.Sample
// Each mistake below is marked with the rule it triggers.

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Deletes an upload once its uploader has downloaded it. Behind nginx every "uploader" is nginx.
app.MapGet("/download/{id}", (string id, HttpContext ctx) =>
{
    var downloader = ctx.Connection.RemoteIpAddress; // CIP0001: the proxy's address in production
    return Results.Text($"{id} downloaded by {downloader}");
});

// The usual "repair": trust X-Real-IP, fall back to the peer. Any client can send X-Real-IP.
app.MapGet("/whoami", (HttpContext ctx) =>
{
    // CIP0002 on the header read. The fallback to the peer is part of the same mistake, so no CIP0001 there.
    string? ip = ctx.Request.Headers["X-Real-IP"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString(); // CIP0002
    return Results.Text(ip ?? "unknown");
});

// Rate limiting by the leftmost X-Forwarded-For entry, which is whatever the client wrote.
app.MapGet("/limited", (HttpContext ctx) =>
{
    var client = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim(); // CIP0003
    return Results.Text($"rate-limited as {client}");
});

// Not mistakes, and not reported: a log line is not a security decision, and a presence check takes no address.
app.MapGet("/trace", (HttpContext ctx, ILogger<Program> logger) =>
{
    logger.LogInformation("Peer {Peer}, forwarded chain {Chain}", ctx.Connection.RemoteIpAddress, ctx.Request.Headers["X-Forwarded-For"].ToString());
    return Results.Text(ctx.Request.Headers.ContainsKey("X-Forwarded-For") ? "behind a proxy" : "direct");
});

app.Run();
