// A web app behind nginx on the same host, which overwrites X-Real-IP with the address it accepted the connection from
// (proxy_set_header X-Real-IP $remote_addr). The app trusts that header, from anyone: the mistake CIP0002 reports.
// FixKeepsMeaningTests rewrites this file with `dotnet format analyzers` and checks the app answers the same client.

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/whoami", (HttpContext ctx) =>
{
    var ip = ctx.Request.Headers["X-Real-IP"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString(); // expect: CIP0002
    return Results.Text(ip);
});

app.Run();
