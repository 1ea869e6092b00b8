// Swagger UI is gated by UseWhen to an office allow-list, checking CF-Connecting-IP when present, else the peer; the header is believed from anyone. CIP0002 on the header (the peer fallback is the idiom).
using System.Net;

var builder = WebApplication.CreateBuilder(args);
var office = new HashSet<string> { "198.51.100.10", "198.51.100.11" };
var app = builder.Build();

app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/swagger"), branch =>
{
    branch.Use(async (ctx, next) =>
    {
        string? caller = {|CIP0002:ctx.Request.Headers.TryGetValue("CF-Connecting-IP", out var cf)|} && cf.Count > 0
            ? cf.ToString()
            : ctx.Connection.RemoteIpAddress?.ToString();
        if (caller is null || !office.Contains(caller))
        {
            ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }
        await next(ctx);
    });
});

app.MapGet("/swagger/index.html", () => Results.Content("<html>api docs</html>", "text/html"));
app.Run();
