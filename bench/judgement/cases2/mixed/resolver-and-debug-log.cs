// Decisions use the resolver; the raw forwarding headers and the peer only go to a debug log line for troubleshooting the proxy setup. Quiet.
using ClientIp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp();
var app = builder.Build();
app.UseClientIp();

var denied = new HashSet<string> { "203.0.113.50" };
app.Use(async (context, next) =>
{
    var logger = context.RequestServices.GetRequiredService<ILogger<Program>>();
    logger.LogDebug("XFF={Xff} X-Real-IP={RealIp} peer={Peer}",
        context.Request.Headers["X-Forwarded-For"].ToString(),
        context.Request.Headers["X-Real-IP"].ToString(),
        context.Connection.RemoteIpAddress);

    var client = context.GetClientIpAddress();
    if (client is not null && denied.Contains(client.ToString()))
    {
        context.Response.StatusCode = 403;
        return;
    }

    await next(context);
});

app.MapGet("/", () => "ok");
app.Run();
