// A file-sharing app with the classic client-IP mistakes. Every mistake ends with a marker comment naming the
// diagnostic the build must report on that line; the tests read the markers, so lines can move freely.

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Deletes an upload once its uploader downloaded it: behind a reverse proxy every downloader is the proxy.
app.MapGet("/download/{id}", (string id, HttpContext ctx) =>
{
    var downloader = ctx.Connection.RemoteIpAddress; // expect: CIP0001
    return Results.Text($"{downloader}");
});

app.MapGet("/whoami", WhoAmIEndpoint.Handle);

// Rate limiting by the leftmost forwarded entry, which is whatever the client wrote.
app.MapGet("/limited", (HttpContext ctx) =>
{
    var client = ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim(); // expect: CIP0003
    return Results.Text($"{client}");
});

app.Run();
