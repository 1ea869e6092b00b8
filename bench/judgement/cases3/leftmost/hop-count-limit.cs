// Rejects requests whose X-Forwarded-For chain is absurdly long (a header-stuffing guard); only the number of entries is used. Quiet.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Use(async (ctx, next) =>
{
    var chain = ctx.Request.Headers["X-Forwarded-For"].ToString();
    if (chain.Split(',').Length > 10)
    {
        ctx.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
        return;
    }
    await next(ctx);
});

app.MapGet("/", () => "ok");
app.Run();
