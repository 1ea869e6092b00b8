// UseClientIp runs first, so the admin allow-list endpoint's RemoteIpAddress is the resolved client; X-Request-Id is only echoed for tracing. Quiet.
using System.Net;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
var admins = new[] { IPAddress.Parse("198.51.100.7") };

var app = builder.Build();
app.UseClientIp();

app.MapPost("/admin/reindex", (HttpContext ctx) =>
{
    ctx.Response.Headers["X-Request-Id"] = ctx.Request.Headers["X-Request-Id"].ToString();
    var caller = ctx.Connection.RemoteIpAddress;
    return caller is not null && admins.Contains(caller) ? Results.Accepted() : Results.Forbid();
});

app.Run();
