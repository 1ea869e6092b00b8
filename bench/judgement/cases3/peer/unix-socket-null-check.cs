// Middleware refuses requests that arrive without an IP peer (e.g. over a Unix socket) and otherwise carries on; the address is only checked for null. Quiet.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Use(async (context, next) =>
{
    if (context.Connection.RemoteIpAddress is null)
    {
        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        await context.Response.WriteAsync("This endpoint is only served over TCP.");
        return;
    }
    await next(context);
});

app.MapGet("/", () => "hello");
app.Run();
