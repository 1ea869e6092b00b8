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
    string? ip = ctx.Request.Headers["X-Real-IP"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString(); // CIP0002
    return Results.Text(ip ?? "unknown");
});

// Rate limiting by the leftmost X-Forwarded-For entry, which is whatever the client wrote.
app.MapGet("/limited", (HttpContext ctx) =>
{
    var client = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim(); // CIP0003
    return Results.Text($"rate-limited as {client}");
});

app.Run();
