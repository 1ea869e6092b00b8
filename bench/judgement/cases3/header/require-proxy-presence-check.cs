// Middleware refuses requests that did not pass the load balancer, judged by whether X-Forwarded-For is present and how many values it has; nothing is taken from the value. Quiet.
using Microsoft.Extensions.Primitives;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Use(async (ctx, next) =>
{
    if (StringValues.IsNullOrEmpty(ctx.Request.Headers["X-Forwarded-For"]) || ctx.Request.Headers["X-Forwarded-For"].Count > 1)
    {
        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    await next(ctx);
});

app.MapGet("/", () => "behind the load balancer");
app.Run();
